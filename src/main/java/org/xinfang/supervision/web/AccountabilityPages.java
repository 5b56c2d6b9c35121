package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.Accountability;
import org.xinfang.supervision.Accountability.Draft;
import org.xinfang.supervision.Accountability.OfficialInput;
import org.xinfang.supervision.Accountability.Recommendation;
import org.xinfang.supervision.Accountability.Status;

/**
 * The staff pages of accountability recommendations (责任追究, DOMAIN §6): the subtree's recommendations with
 * the form to record one, and one recommendation with the forms to send it and to record the outcome. The
 * rules are those of {@link Accountability}. Officials are entered as {@code username:post}.
 */
@Controller
class AccountabilityPages {

	private final Accountability accountability;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	AccountabilityPages(Accountability accountability, CurrentUser currentUser, MessageSource messages) {
		this.accountability = accountability;
		this.currentUser = currentUser;
		this.messages = messages;
	}

	@GetMapping("/staff/accountability")
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("recommendations", accountability.list(unit, null, null));
		model.addAttribute("canRecord", manages(currentUser.require()));
		model.addAttribute("types", Accountability.Type.values());
		return "supervision/accountability-list";
	}

	@PostMapping("/staff/accountability")
	String record(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String type,
			@RequestParam(required = false) String grounds, @RequestParam(required = false) String competentBody,
			@RequestParam(required = false) String officials, @RequestParam(required = false) String matters,
			@RequestParam(required = false) String relatedRecords, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		List<OfficialInput> named = FormErrors.names(officials).stream().map(s -> {
			int colon = s.indexOf(':') >= 0 ? s.indexOf(':') : s.indexOf('：');
			return colon < 0 ? new OfficialInput(s, null) : new OfficialInput(s.substring(0, colon), s.substring(colon + 1));
		}).toList();
		try {
			Recommendation r = accountability.record(new Draft(unitCode, type, grounds, competentBody, named,
					FormErrors.names(matters), relatedRecords));
			return FormErrors.saved("/staff/accountability/" + r.id(), redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			return list(null, model);
		}
	}

	@GetMapping("/staff/accountability/{recommendationId}")
	String detail(@PathVariable long recommendationId, Model model) {
		Recommendation r = accountability.find(recommendationId);
		boolean manager = manages(currentUser.require());
		model.addAttribute("r", r);
		model.addAttribute("canSend", manager && r.status() == Status.DRAFT);
		model.addAttribute("canConclude", manager && r.status() == Status.SENT);
		return "supervision/accountability";
	}

	@PostMapping("/staff/accountability/{recommendationId}/send")
	String send(@PathVariable long recommendationId, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(recommendationId, () -> accountability.send(recommendationId), model, redirect, response);
	}

	@PostMapping("/staff/accountability/{recommendationId}/outcome")
	String outcome(@PathVariable long recommendationId, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String outcomeOn, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(recommendationId, () -> accountability.conclude(recommendationId, outcome, outcomeOn), model,
				redirect, response);
	}

	private String step(long id, Runnable action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			action.run();
			return FormErrors.saved("/staff/accountability/" + id, redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			return detail(id, model);
		}
	}

	private static boolean manages(StaffPrincipal user) {
		return user.has(Role.SUPERVISOR) || user.has(Role.LEADER);
	}
}
