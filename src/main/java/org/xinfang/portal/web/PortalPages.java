package org.xinfang.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.xinfang.intake.Intake;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.Kind;
import org.xinfang.intake.NewPetitioner;
import org.xinfang.intake.OnlinePetition;
import org.xinfang.intake.Registered;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
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

	PortalPages(Intake intake, Dictionaries dictionaries, Units units, GuardedLookup lookup) {
		this.intake = intake;
		this.dictionaries = dictionaries;
		this.units = units;
		this.lookup = lookup;
	}

	/** The submit form's fields. */
	record SubmitForm(String idempotencyKey, String kind, String title, String content, String categoryCode,
			String concernedUnitCode, String name, String phone, String idNumber, String address, String email) {

		static SubmitForm empty() {
			return new SubmitForm(UUID.randomUUID().toString(), null, null, null, null, null, null, null, null, null,
					null);
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
				new NewPetitioner(form.name(), form.phone(), form.idNumber(), form.address(), form.email(), false));
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
		GuardedLookup.Result result = lookup.lookUp(request.getRemoteAddr(), code, secret);
		if (result instanceof GuardedLookup.Found found) {
			model.addAttribute("status", found.status());
			return "portal/status";
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
}
