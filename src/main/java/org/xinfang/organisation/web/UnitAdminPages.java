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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.organisation.OrganisationAdministration.NewUnit;
import org.xinfang.organisation.OrganisationAdministration.UnitChange;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.internal.AdminConsole;
import org.xinfang.organisation.internal.AdminConsole.UnitRow;
import org.xinfang.platform.DomainException;

/** The organisation tree of the administrator's scope: view, create, edit, move. */
@Controller
@RequestMapping("/admin/units")
class UnitAdminPages {

	static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,40}");

	private final AdminConsole console;

	private final MessageSource messages;

	UnitAdminPages(AdminConsole console, MessageSource messages) {
		this.console = console;
		this.messages = messages;
	}

	@GetMapping
	String tree(Model model) {
		model.addAttribute("units", console.units());
		return "organisation/admin/units";
	}

	@GetMapping("/new")
	String newUnit(@RequestParam(required = false) String parent, Model model) {
		return form(model, new UnitForm(null, null, parent, Unit.UnitLevel.INSTITUTION.name(),
				Unit.UnitType.HOSPITAL.name(), false, true, null), null, new FormErrors(messages));
	}

	@PostMapping
	String create(UnitForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		FormErrors errors = new FormErrors(messages);
		String code = errors.required("code", form.code());
		errors.pattern("code", code, CODE, "admin.error.code");
		String name = errors.required("name", form.name());
		errors.maxLength("name", name, 200);
		String parent = errors.required("parentCode", form.parentCode());
		Unit.UnitLevel level = errors.oneOf("level", form.level(), Unit.UnitLevel.class);
		Unit.UnitType type = errors.oneOf("type", form.type(), Unit.UnitType.class);
		if (!errors.any()) {
			try {
				console.createUnit(new NewUnit(code, name, parent, level, type, form.office()));
				redirect.addFlashAttribute("notice", text("admin.units.created", code));
				return "redirect:/admin/units";
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(model, form, null, errors);
	}

	@GetMapping("/{code}/edit")
	String edit(@PathVariable String code, Model model) {
		UnitRow unit = console.unit(code);
		return form(model, new UnitForm(unit.code(), unit.name(), unit.parentCode(), unit.level().name(),
				unit.type().name(), unit.petitionOffice(), unit.active(), unit.version()), unit, new FormErrors(messages));
	}

	@PostMapping("/{code}")
	String update(@PathVariable String code, UnitForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		UnitRow unit = console.unit(code);
		FormErrors errors = new FormErrors(messages);
		String name = errors.required("name", form.name());
		errors.maxLength("name", name, 200);
		Unit.UnitLevel level = errors.oneOf("level", form.level(), Unit.UnitLevel.class);
		Unit.UnitType type = errors.oneOf("type", form.type(), Unit.UnitType.class);
		if (!errors.any()) {
			try {
				console.updateUnit(code, form.version() == null ? -1 : form.version(),
						new UnitChange(name, level, type, form.office(), Boolean.TRUE.equals(form.active())));
				redirect.addFlashAttribute("notice", text("admin.units.saved", code));
				return "redirect:/admin/units";
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(errors.asMap().containsKey(FormErrors.GLOBAL) ? HttpStatus.CONFLICT.value()
				: HttpStatus.BAD_REQUEST.value());
		return form(model, new UnitForm(code, form.name(), unit.parentCode(), form.level(), form.type(),
				form.petitionOffice(), form.active(), form.version()), unit, errors);
	}

	@PostMapping("/{code}/move")
	String move(@PathVariable String code, MoveForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		UnitRow unit = console.unit(code);
		FormErrors errors = new FormErrors(messages);
		String parent = errors.required("parentCode", form.parentCode());
		if (!errors.any()) {
			try {
				console.moveUnit(code, form.version() == null ? -1 : form.version(), parent);
				redirect.addFlashAttribute("notice", text("admin.units.moved", code));
				return "redirect:/admin/units";
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("moveParent", form.parentCode());
		return form(model, new UnitForm(unit.code(), unit.name(), unit.parentCode(), unit.level().name(),
				unit.type().name(), unit.petitionOffice(), unit.active(), unit.version()), unit, errors);
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	private String form(Model model, UnitForm form, UnitRow unit, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("unit", unit);
		model.addAttribute("errors", errors.asMap());
		model.addAttribute("parents", console.units().stream().filter(UnitRow::active).toList());
		model.addAttribute("levels", Unit.UnitLevel.values());
		model.addAttribute("types", Unit.UnitType.values());
		if (!model.containsAttribute("moveParent")) {
			model.addAttribute("moveParent", unit == null ? null : unit.parentCode());
		}
		return "organisation/admin/unit-form";
	}

	/** The unit form as typed, kept as text so that nothing the user entered is lost on an error. */
	record UnitForm(String code, String name, String parentCode, String level, String type, Boolean petitionOffice,
			Boolean active, Integer version) {

		public boolean office() {
			return Boolean.TRUE.equals(petitionOffice);
		}
	}

	record MoveForm(String parentCode, Integer version) {
	}
}
