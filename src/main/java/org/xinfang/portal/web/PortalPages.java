package org.xinfang.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.xinfang.intake.Intake;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.Kind;
import org.xinfang.intake.NewPetitioner;
import org.xinfang.intake.OnlinePetition;
import org.xinfang.intake.Registered;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.handling.ActionBody;
import org.xinfang.handling.MatterActions;
import org.xinfang.platform.DomainException;
import org.xinfang.portal.internal.GuardedLookup;

/**
 * The citizen's pages: submit a petition, then follow it with the tracking code and query secret. The
 * secret travels only in POST bodies, never in a URL. The submit form carries a random idempotency key, so
 * reloading the result page shows the same matter instead of registering a second one.
 */
@Controller
@RequestMapping("/portal")
class PortalPages {

	private final Intake intake;

	private final Dictionaries dictionaries;

	private final Units units;

	private final GuardedLookup lookup;

	private final MatterActions actions;

	private final MessageSource messages;

	PortalPages(Intake intake, Dictionaries dictionaries, Units units, GuardedLookup lookup, MatterActions actions,
			MessageSource messages) {
		this.actions = actions;
		this.messages = messages;
		this.intake = intake;
		this.dictionaries = dictionaries;
		this.units = units;
		this.lookup = lookup;
	}

	/** The submit form's fields. */
	record SubmitForm(String idempotencyKey, String kind, String title, String content, String categoryCode,
			String concernedUnitCode, String name, String phone, String idNumber, String address, String email,
			Boolean concernedUnitComplainedAbout) {

		static SubmitForm empty() {
			return new SubmitForm(UUID.randomUUID().toString(), null, null, null, null, null, null, null, null, null,
					null, null);
		}
	}

	@GetMapping("/submit")
	String submitForm(Model model) {
		return showSubmit(model, SubmitForm.empty(), Map.of());
	}

	@PostMapping("/submit")
	String submit(@ModelAttribute SubmitForm form, Model model) {
		OnlinePetition petition = new OnlinePetition(form.kind(), form.title(), form.content(), form.categoryCode(),
				form.concernedUnitCode(),
				new NewPetitioner(form.name(), form.phone(), form.idNumber(), form.address(), form.email(), false),
				form.concernedUnitComplainedAbout());
		try {
			Registered r = intake.submitOnline(petition, form.idempotencyKey());
			model.addAttribute("registered", r);
			return "portal/submitted";
		}
		catch (InvalidInput ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.byField().forEach((field, message) -> errors.putIfAbsent(field.replace("petitioner.", ""), message));
			return showSubmit(model, form, errors);
		}
	}

	private String showSubmit(Model model, SubmitForm form, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", List.of(Kind.PROPOSAL, Kind.REPORT, Kind.GRIEVANCE));
		model.addAttribute("categories", dictionaries.categories());
		model.addAttribute("units", units.all().stream().filter(Unit::active).toList());
		return "portal/submit";
	}

	@GetMapping("/track")
	String trackForm() {
		return "portal/track";
	}

	@PostMapping("/track")
	String track(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String secret,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("code", code);
		if (code.isBlank() || secret.isBlank()) {
			model.addAttribute("error", "portal.track.notFound");
			return "portal/track";
		}
		return showResult(lookup.lookUp(request.getRemoteAddr(), code, secret), secret, response, model);
	}

	/** The status page when found; else the track form with the same answer for a wrong code or secret. */
	private String showResult(GuardedLookup.Result result, String secret, HttpServletResponse response,
			Model model) {
		if (result instanceof GuardedLookup.Found found) {
			return showStatus(found, secret, response, model);
		}
		if (result instanceof GuardedLookup.Throttled throttled) {
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
			model.addAttribute("error", "portal.track.throttled");
			model.addAttribute("minutes", throttled.retryAfterMinutes());
			return "portal/track";
		}
		model.addAttribute("error", "portal.track.notFound");
		return "portal/track";
	}

	/**
	 * The petitioner's actions from the status page: evaluate, request a review or a re-review. The code and
	 * secret come back as hidden fields of the form (never in the URL) and go through the same throttled
	 * look-up as the track form; the action is then taken by the same service as the public API's. A refusal
	 * (e.g. the window closed) re-shows the status page with the reason.
	 */
	@PostMapping("/track/actions/{action}")
	String act(@PathVariable String action, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String secret, @RequestParam(required = false) String rating,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String reason,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (code.isBlank() || secret.isBlank()) {
			model.addAttribute("code", code);
			model.addAttribute("error", "portal.track.notFound");
			return "portal/track";
		}
		GuardedLookup.Result result = lookup.lookUp(request.getRemoteAddr(), code, secret);
		if (!(result instanceof GuardedLookup.Found)) {
			model.addAttribute("code", code);
			return showResult(result, secret, response, model);
		}
		try {
			actions.performAsPetitioner(code, secret, body(action, rating, comment, reason));
			model.addAttribute("notice", messages.getMessage("portal.action.done." + action, null,
					LocaleContextHolder.getLocale()));
		}
		catch (DomainException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			model.addAttribute("actionError", messages.getMessage("problem." + ex.code(), null, ex.getMessage(),
					LocaleContextHolder.getLocale()));
		}
		return showResult(lookup.lookUp(request.getRemoteAddr(), code, secret), secret, response, model);
	}

	/**
	 * A delivered document as PDF, for the petitioner on the status page: code and secret come as hidden
	 * POST fields (a link would put the secret in the URL) and pass the same throttled look-up.
	 */
	@PostMapping("/track/documents/{id}")
	ModelAndView document(@PathVariable long id, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String secret, HttpServletRequest request, HttpServletResponse response,
			Model model) throws IOException {
		GuardedLookup.Result result = code.isBlank() || secret.isBlank() ? new GuardedLookup.NotFound()
				: lookup.lookUp(request.getRemoteAddr(), code, secret);
		if (result instanceof GuardedLookup.Found found) {
			byte[] pdf = lookup.deliveredPdf(found, id).orElseThrow(() -> DomainException.notFound("Document"));
			response.setContentType(MediaType.APPLICATION_PDF_VALUE);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"document-" + id + ".pdf\"");
			response.getOutputStream().write(pdf);
			return null; // the response is written
		}
		model.addAttribute("code", code);
		return new ModelAndView(showResult(result, secret, response, model));
	}

	private static ActionBody body(String action, String rating, String comment, String reason) {
		switch (action) {
			case "EVALUATE":
				ActionBody.Rating r;
				try {
					r = rating == null || rating.isBlank() ? null : ActionBody.Rating.valueOf(rating);
				}
				catch (IllegalArgumentException ex) {
					throw DomainException.invalid("invalid-fields", "Unknown rating: " + rating);
				}
				return new ActionBody.Evaluate(r, blankToNull(comment));
			case "REQUEST_REVIEW":
				return new ActionBody.RequestReview(blankToNull(reason));
			case "REQUEST_REREVIEW":
				return new ActionBody.RequestRereview(blankToNull(reason));
			default:
				throw DomainException.invalid("unknown-action", "Unknown action: " + action);
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	/** The secret is put into the page's forms, so the page must not be kept by any cache. */
	private static String showStatus(GuardedLookup.Found found, String secret, HttpServletResponse response,
			Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("status", found.status());
		model.addAttribute("secret", secret);
		model.addAttribute("ratings", ActionBody.Rating.values());
		return "portal/status";
	}
}
