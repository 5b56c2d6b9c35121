package org.xinfang.organisation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.organisation.OrganisationAdministration.Category;
import org.xinfang.organisation.OrganisationAdministration.LegalRoute;
import org.xinfang.organisation.internal.AdminConsole;
import org.xinfang.organisation.internal.AdminConsole.CategoryRow;
import org.xinfang.organisation.internal.AdminConsole.LegalRouteRow;
import org.xinfang.platform.DomainException;

/**
 * The two maintained dictionaries: categories of matters (信访事项分类) and the legal-routes list
 * (通过法定途径分类处理清单, Regulation Art. 31). One page pair serves both; {@code kind} names which.
 * Deactivation is the "active" box: entries are never deleted, old matters keep pointing at them.
 */
@Controller
class DictionaryAdminPages {

	static final String CATEGORIES = "categories";

	static final String LEGAL_ROUTES = "legal-routes";

	static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,40}");

	private final AdminConsole console;

	private final MessageSource messages;

	DictionaryAdminPages(AdminConsole console, MessageSource messages) {
		this.console = console;
		this.messages = messages;
	}

	@GetMapping("/admin/categories")
	String categories(Model model) {
		return list(model, CATEGORIES, new EntryForm(null, null, null, null, "0", true, null), new FormErrors(messages));
	}

	@GetMapping("/admin/legal-routes")
	String legalRoutes(Model model) {
		return list(model, LEGAL_ROUTES, new EntryForm(null, null, null, null, "0", true, null), new FormErrors(messages));
	}

	@PostMapping("/admin/categories")
	String createCategory(EntryForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return create(CATEGORIES, form, model, response, redirect);
	}

	@PostMapping("/admin/legal-routes")
	String createLegalRoute(EntryForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return create(LEGAL_ROUTES, form, model, response, redirect);
	}

	@GetMapping("/admin/categories/{code}/edit")
	String editCategory(@PathVariable String code, Model model) {
		CategoryRow c = console.category(code);
		return edit(model, CATEGORIES, new EntryForm(c.code(), c.nameZh(), c.nameEn(), null,
				String.valueOf(c.sortOrder()), c.active(), c.version()), new FormErrors(messages));
	}

	@GetMapping("/admin/legal-routes/{code}/edit")
	String editLegalRoute(@PathVariable String code, Model model) {
		LegalRouteRow r = console.legalRoute(code);
		return edit(model, LEGAL_ROUTES, new EntryForm(r.code(), r.nameZh(), r.nameEn(), r.appliesTo(),
				String.valueOf(r.sortOrder()), r.active(), r.version()), new FormErrors(messages));
	}

	@PostMapping("/admin/categories/{code}")
	String updateCategory(@PathVariable String code, EntryForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		console.category(code);
		return update(CATEGORIES, code, form, model, response, redirect);
	}

	@PostMapping("/admin/legal-routes/{code}")
	String updateLegalRoute(@PathVariable String code, EntryForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		console.legalRoute(code);
		return update(LEGAL_ROUTES, code, form, model, response, redirect);
	}

	private String create(String kind, EntryForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		FormErrors errors = new FormErrors(messages);
		String code = errors.required("code", form.code());
		errors.pattern("code", code, CODE, "admin.error.dictionaryCode");
		Checked entry = check(kind, form, errors);
		if (!errors.any()) {
			try {
				if (kind.equals(CATEGORIES)) {
					console.createCategory(new Category(code, entry.nameZh, entry.nameEn, entry.sortOrder, true));
				}
				else {
					console.createLegalRoute(new LegalRoute(code, entry.nameZh, entry.nameEn, entry.appliesTo,
							entry.sortOrder, true));
				}
				redirect.addFlashAttribute("notice", text("admin.dictionary.created", code));
				return "redirect:/admin/" + kind;
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(status(errors));
		return list(model, kind, form, errors);
	}

	private String update(String kind, String code, EntryForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		FormErrors errors = new FormErrors(messages);
		Checked entry = check(kind, form, errors);
		if (!errors.any()) {
			int version = form.version() == null ? -1 : form.version();
			boolean active = Boolean.TRUE.equals(form.active());
			try {
				if (kind.equals(CATEGORIES)) {
					console.updateCategory(code, version,
							new Category(code, entry.nameZh, entry.nameEn, entry.sortOrder, active));
				}
				else {
					console.updateLegalRoute(code, version, new LegalRoute(code, entry.nameZh, entry.nameEn,
							entry.appliesTo, entry.sortOrder, active));
				}
				redirect.addFlashAttribute("notice", text("admin.dictionary.saved", code));
				return "redirect:/admin/" + kind;
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(status(errors));
		return edit(model, kind, new EntryForm(code, form.nameZh(), form.nameEn(), form.appliesTo(), form.sortOrder(),
				form.active(), form.version()), errors);
	}

	private static Checked check(String kind, EntryForm form, FormErrors errors) {
		String zh = errors.required("nameZh", form.nameZh());
		errors.maxLength("nameZh", zh, 200);
		String en = errors.required("nameEn", form.nameEn());
		errors.maxLength("nameEn", en, 200);
		String applies = kind.equals(LEGAL_ROUTES) ? errors.required("appliesTo", form.appliesTo()) : null;
		errors.maxLength("appliesTo", applies, 500);
		int sort = errors.integer("sortOrder", form.sortOrder());
		return new Checked(zh, en, applies, sort);
	}

	private static int status(FormErrors errors) {
		return errors.asMap().containsKey(FormErrors.GLOBAL) ? HttpStatus.CONFLICT.value()
				: HttpStatus.BAD_REQUEST.value();
	}

	private String list(Model model, String kind, EntryForm form, FormErrors errors) {
		model.addAttribute("kind", kind);
		model.addAttribute("entries", kind.equals(CATEGORIES) ? console.categories() : console.legalRoutes());
		model.addAttribute("mayEdit", console.mayEditDictionaries());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors.asMap());
		return "organisation/admin/dictionary";
	}

	private String edit(Model model, String kind, EntryForm form, FormErrors errors) {
		model.addAttribute("kind", kind);
		model.addAttribute("mayEdit", console.mayEditDictionaries());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors.asMap());
		return "organisation/admin/dictionary-edit";
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	private record Checked(String nameZh, String nameEn, String appliesTo, int sortOrder) {
	}

	/** A dictionary entry as typed ({@code appliesTo} only for legal routes). */
	record EntryForm(String code, String nameZh, String nameEn, String appliesTo, String sortOrder, Boolean active,
			Integer version) {
	}
}
