package org.xinfang.handling.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.handling.Action;
import org.xinfang.handling.ActionBody;
import org.xinfang.handling.HandlingDetails;
import org.xinfang.handling.MatterActions;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterQueries;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;

/**
 * The staff matter page: the matter as intake shows it, what handling knows of it, its deadlines and
 * timeline, and one small form per action the user may take now. A form posts to
 * {@code /staff/matters/{id}/actions/{ACTION}}, which performs the action through {@link MatterActions}
 * (the same checks as the API, with the version shown as the expected one) and redirects back with a
 * notice; a refusal re-shows the page with the reason, under the problem's status.
 */
@Controller
class MatterPages {

	private final MatterQueries matters;

	private final MatterActions actions;

	private final HandlingDetails handling;

	private final Units units;

	private final Dictionaries dictionaries;

	private final MessageSource messages;

	MatterPages(MatterQueries matters, MatterActions actions, HandlingDetails handling, Units units,
			Dictionaries dictionaries, MessageSource messages) {
		this.matters = matters;
		this.actions = actions;
		this.handling = handling;
		this.units = units;
		this.dictionaries = dictionaries;
		this.messages = messages;
	}

	@GetMapping("/staff/matters/{id}")
	String detail(@PathVariable long id, Model model) {
		return show(id, model);
	}

	@PostMapping("/staff/matters/{id}/actions/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam MultiValueMap<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Action a = parse(Action.class, "action", action);
			actions.perform(id, body(a, form), version(form.getFirst("version")));
			redirect.addFlashAttribute("notice",
					messages.getMessage("action.done", new Object[] { label(a) }, LocaleContextHolder.getLocale()));
			return "redirect:/staff/matters/" + id;
		}
		catch (InvalidInput ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("error", String.join("；", ex.byField().entrySet().stream()
				.map(e -> fieldLabel(e.getKey()) + "：" + e.getValue()).toList()));
		}
		catch (DomainException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			model.addAttribute("error", messages.getMessage("problem." + ex.code(), null, ex.getMessage(),
					LocaleContextHolder.getLocale()));
		}
		model.addAttribute("failedAction", action);
		return show(id, model);
	}

	private String show(long id, Model model) {
		MatterDetail matter = matters.find(id).orElseThrow(() -> DomainException.notFound("Matter"));
		HandlingDetails.Handling h = handling.of(id).orElse(null);
		if (h != null && matter.identityMasked()) {
			// free text may name a protected petitioner (DOMAIN §9): shown without their identity
			h = new HandlingDetails.Handling(h.handlingUnitId(), h.handlingUnitCode(), h.handlingUnitName(), h.handler(),
					h.forwardedTo(), h.legalRoute(), matters.maskIdentity(id, h.decisionReason()), h.extensionDays(),
					matters.maskIdentity(id, h.extensionReason()), h.extensionState(), h.replyOutcome(),
					matters.maskIdentity(id, h.replyText()), h.replyDraftedBy(), h.replyApprovedBy(), h.deliveryMethod(),
					h.deliveredOn(), h.evaluationRating(), matters.maskIdentity(id, h.evaluationComment()));
		}
		model.addAttribute("matter", matter);
		model.addAttribute("handling", h);
		List<String> allowed = matter.allowedActions();
		if (allowed.contains("ASSIGN")) {
			model.addAttribute("units", units.all().stream().filter(Unit::active).toList());
		}
		if (allowed.contains("REDIRECT_LEGAL_ROUTE")) {
			model.addAttribute("legalRoutes", dictionaries.legalRoutes());
		}
		if (allowed.contains("ASSIGN_HANDLER") && h != null && h.handlingUnitId() != null) {
			model.addAttribute("handlers", units.members(h.handlingUnitId(), Role.HANDLER));
		}
		model.addAttribute("replyOutcomes", ActionBody.ReplyOutcome.values());
		model.addAttribute("reviewOutcomes", ActionBody.ReviewOutcome.values());
		model.addAttribute("deliveryMethods", ActionBody.DeliveryMethod.values());
		model.addAttribute("checklistItems", ActionBody.ChecklistItem.values());
		return "handling/matter";
	}

	/** The action's body from the form's fields; blank fields are absent, so the action's own checks speak. */
	static ActionBody body(Action action, MultiValueMap<String, String> form) {
		switch (action) {
			case ASSIGN:
				return new ActionBody.Assign(field(form, "unitCode"));
			case FORWARD:
				return new ActionBody.Forward(field(form, "body"), field(form, "reason"));
			case REDIRECT_LEGAL_ROUTE:
				return new ActionBody.RedirectLegalRoute(field(form, "routeCode"));
			case ROUTE_TO_DISCIPLINE:
				return new ActionBody.RouteToDiscipline(field(form, "note"));
			case RETURN:
				return new ActionBody.Return(field(form, "reason"));
			case ACCEPT:
				return new ActionBody.Accept(field(form, "note"));
			case REJECT:
				return new ActionBody.Reject(field(form, "reason"));
			case REJECT_FINAL:
				return new ActionBody.RejectFinal(field(form, "reason"), field(form, "earlierTrackingCode"));
			case ASSIGN_HANDLER:
				return new ActionBody.AssignHandler(field(form, "username"));
			case ADD_PROGRESS:
				List<String> items = form.getOrDefault("checklist", List.of());
				return new ActionBody.AddProgress(field(form, "note"),
						items.stream().map(i -> parse(ActionBody.ChecklistItem.class, "checklist", i)).toList());
			case REQUEST_EXTENSION:
				return new ActionBody.RequestExtension(number(field(form, "days")), field(form, "reason"));
			case APPROVE_EXTENSION:
				return new ActionBody.ApproveExtension(field(form, "note"));
			case DENY_EXTENSION:
				return new ActionBody.DenyExtension(field(form, "reason"));
			case DRAFT_REPLY:
				return new ActionBody.DraftReply(parse(ActionBody.ReplyOutcome.class, "outcome", field(form, "outcome")),
						field(form, "text"));
			case APPROVE_REPLY:
				return new ActionBody.ApproveReply(field(form, "note"));
			case SEND_BACK_REPLY:
				return new ActionBody.SendBackReply(field(form, "reason"));
			case DELIVER:
				return new ActionBody.Deliver(
						parse(ActionBody.DeliveryMethod.class, "method", field(form, "method")),
						date(field(form, "deliveredOn")));
			case DECIDE_REVIEW:
				return new ActionBody.DecideReview(
						parse(ActionBody.ReviewOutcome.class, "outcome", field(form, "outcome")), field(form, "text"));
			case RECORD_HEARING:
				return new ActionBody.RecordHearing(date(field(form, "heldFrom")), date(field(form, "heldTo")),
						field(form, "note"));
			case DECIDE_REREVIEW:
				return new ActionBody.DecideRereview(
						parse(ActionBody.ReviewOutcome.class, "outcome", field(form, "outcome")), field(form, "text"),
						field(form, "hearingNote"));
			case CLOSE:
				return new ActionBody.Close(field(form, "note"));
			default:
				// EVALUATE, REQUEST_REVIEW, REQUEST_REREVIEW: the petitioner's, on the portal
				throw new DomainException(org.springframework.http.HttpStatus.FORBIDDEN, "forbidden",
						"Only the petitioner takes this action, on the portal.");
		}
	}

	private static String field(MultiValueMap<String, String> form, String name) {
		String v = form.getFirst(name);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			if (type == Action.class) {
				throw DomainException.invalid("unknown-action", "Unknown action: " + value);
			}
			throw DomainException.invalid("invalid-fields", "Unknown value of " + field + ": " + value);
		}
	}

	private static Integer number(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalid("invalid-fields", "Not a number: " + value);
		}
	}

	private static LocalDate date(String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw DomainException.invalid("invalid-fields", "Not a date: " + value);
		}
	}

	private static Integer version(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private String label(Action a) {
		return messages.getMessage("action." + a.name(), null, a.name(), LocaleContextHolder.getLocale());
	}

	private String fieldLabel(String field) {
		return messages.getMessage("action.field." + field, null, field, LocaleContextHolder.getLocale());
	}
}
