package org.xinfang.intake.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.xinfang.intake.Channel;
import org.xinfang.intake.DeadlineState;
import org.xinfang.intake.MatterFilter;
import org.xinfang.intake.IdentityReveals;
import org.xinfang.intake.Intake;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.RevealedIdentity;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.NewPetitioner;
import org.xinfang.intake.RegisterMatter;
import org.xinfang.intake.Registered;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;

/**
 * Staff pages: the registration form for every channel (group-visit, transfer and letter fields appear
 * with their channel) and the list of the user's scope. A matter's own page, with its actions, belongs to
 * the handling module.
 */
@Controller
class IntakePages {

	static final int PETITIONER_ROWS = 6;

	private final Intake intake;

	private final MatterQueries matters;

	private final Dictionaries dictionaries;

	private final Units units;

	private final MessageSource messages;

	private final IdentityReveals reveals;

	IntakePages(Intake intake, MatterQueries matters, Dictionaries dictionaries, Units units,
			MessageSource messages, IdentityReveals reveals) {
		this.reveals = reveals;
		this.intake = intake;
		this.matters = matters;
		this.dictionaries = dictionaries;
		this.units = units;
		this.messages = messages;
	}

	@GetMapping("/staff/intake/new")
	@PreAuthorize("hasAnyRole('REGISTRAR','ADMIN')")
	String newMatter(Model model) {
		return showForm(model, new RegisterMatter("VISIT", null, null, null, null, null, null, null, null, null,
				List.of(), null), Map.of());
	}

	@PostMapping("/staff/intake/new")
	@PreAuthorize("hasAnyRole('REGISTRAR','ADMIN')")
	String register(@ModelAttribute RegisterMatter form,
			@RequestParam(name = "files", required = false) MultipartFile[] files, Model model) {
		Registered registered;
		try {
			registered = intake.register(form);
		}
		catch (InvalidInput ex) {
			return showForm(model, form, ex.byField());
		}
		List<String> attachmentProblems = new ArrayList<>();
		if (files != null && registered.created()) {
			for (MultipartFile file : files) {
				if (file.isEmpty()) {
					continue;
				}
				try {
					intake.attach(registered.id(), file.getOriginalFilename(), file.getContentType(), file.getBytes());
				}
				catch (DomainException | IOException ex) {
					String reason = ex instanceof DomainException d
							? messages.getMessage("problem." + d.code(), null, d.getMessage(), LocaleContextHolder.getLocale())
							: ex.getMessage();
					attachmentProblems.add(messages.getMessage("intake.attachment.failed",
							new Object[] { file.getOriginalFilename(), reason }, LocaleContextHolder.getLocale()));
				}
			}
		}
		model.addAttribute("registered", registered);
		model.addAttribute("attachmentProblems", attachmentProblems);
		return "intake/registered";
	}

	/**
	 * A petitioner row index that is not a small whole number ({@code petitioners[x].name}, {@code [-1]}) makes
	 * the data binder throw these while it builds the form record: a form this page never sends, so 400.
	 */
	@ExceptionHandler({ NumberFormatException.class, IndexOutOfBoundsException.class })
	String malformedForm(RuntimeException ex, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
		model.addAttribute("message", messages.getMessage("problem.malformed-form", null, "The form is malformed.",
				LocaleContextHolder.getLocale()));
		model.addAttribute("back", "/staff");
		return "error";
	}

	private String showForm(Model model, RegisterMatter form, Map<String, String> errors) {
		List<NewPetitioner> rows = new ArrayList<>(form.petitioners() == null ? List.of() : form.petitioners());
		while (rows.size() < PETITIONER_ROWS) {
			rows.add(new NewPetitioner(null, null, null, null, null, false));
		}
		model.addAttribute("form", form);
		model.addAttribute("rows", rows);
		model.addAttribute("errors", errors);
		model.addAttribute("channels", Arrays.stream(Channel.values()).filter(c -> c != Channel.ONLINE).toList());
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("categories", dictionaries.categories());
		model.addAttribute("units", units.all().stream().filter(Unit::active).toList());
		return "intake/new";
	}

	/**
	 * The reveal form of the staff matter page: shows the protected matter's petitioners and attachments in
	 * this response only (the page is not cached and nothing is kept in the session); the attachment links carry
	 * the reveal's id. A missing reason goes back to the matter page with the message; a user who may not
	 * reveal gets the 403 page.
	 */
	@PostMapping("/staff/matters/{id}/identity-reveals")
	String reveal(@PathVariable long id, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		MatterDetail matter = matters.find(id).orElseThrow(() -> DomainException.notFound("Matter"));
		RevealedIdentity revealed;
		try {
			revealed = reveals.reveal(id, reason);
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", messages.getMessage("reveal.reason", null,
					LocaleContextHolder.getLocale()) + "：" + String.join("；", ex.byField().values()));
			return "redirect:/staff/matters/" + id;
		}
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("matter", matter);
		model.addAttribute("revealed", revealed);
		return "intake/revealed";
	}

	/**
	 * The list of the user's scope; {@code unit} (a unit code, as the supervisor dashboard's links carry) narrows
	 * it to the matters touching that unit's subtree.
	 */
	@GetMapping("/staff/matters")
	String list(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String q,
			@RequestParam(required = false) DeadlineState deadlineState, @RequestParam(required = false) String unit,
			Model model) {
		String unitCode = unit == null || unit.isBlank() ? null : unit.strip();
		model.addAttribute("page", matters.list(new MatterFilter(null, deadlineState, unitCode, null, null, q),
				MatterFilter.Sort.DEADLINE, page, 25));
		model.addAttribute("unit", unitCode);
		model.addAttribute("unitName", unitCode == null ? null : units.byCode(unitCode).map(Unit::name).orElse(unitCode));
		model.addAttribute("q", q);
		model.addAttribute("deadlineState", deadlineState);
		model.addAttribute("deadlineStates",
				List.of(DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.ON_TRACK, DeadlineState.PENDING));
		return "intake/matters";
	}

}
