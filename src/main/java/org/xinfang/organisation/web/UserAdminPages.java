package org.xinfang.organisation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.OrganisationAdministration.NewUser;
import org.xinfang.organisation.OrganisationAdministration.UserChange;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.internal.AdminConsole;
import org.xinfang.organisation.internal.AdminConsole.UnitRow;
import org.xinfang.organisation.internal.AdminConsole.UserRow;
import org.xinfang.platform.DomainException;

/** Staff accounts of the administrator's scope: list, create, edit roles and unit, reset password, unlock. */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

	static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,60}");

	private final AdminConsole console;

	private final MessageSource messages;

	UserAdminPages(AdminConsole console, MessageSource messages) {
		this.console = console;
		this.messages = messages;
	}

	@GetMapping
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("users", console.users(unit));
		model.addAttribute("units", console.units());
		model.addAttribute("selectedUnit", unit);
		return "organisation/admin/users";
	}

	@GetMapping("/new")
	String newUser(@RequestParam(required = false) String unit, Model model) {
		return form(model, new UserForm(null, null, null, unit, List.of(), true, null, null, null), null,
				new FormErrors(messages));
	}

	@PostMapping
	String create(UserForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		FormErrors errors = new FormErrors(messages);
		String username = errors.required("username", form.username());
		errors.pattern("username", username, USERNAME, "admin.error.username");
		String name = errors.required("displayName", form.displayName());
		errors.maxLength("displayName", name, 100);
		if (form.password() == null || form.password().length() < OrganisationAdministration.MIN_PASSWORD_LENGTH) {
			errors.add("password", "problem.password-too-short");
		}
		String unit = errors.required("unitCode", form.unitCode());
		Set<Role> roles = roles(form, errors);
		if (!errors.any()) {
			try {
				console.createUser(new NewUser(username, name, form.password(), unit, roles, form.email(), form.phone()));
				redirect.addFlashAttribute("notice", text("admin.users.created", username));
				return "redirect:/admin/users";
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		// the password is never sent back to the browser
		return form(model, form.withoutPassword(), null, errors);
	}

	@GetMapping("/{username}/edit")
	String edit(@PathVariable String username, Model model) {
		UserRow user = console.user(username);
		return form(model, new UserForm(user.username(), user.displayName(), null, user.unitCode(), user.roles(),
				user.enabled(), user.email(), user.phone(), user.version()), user, new FormErrors(messages));
	}

	@PostMapping("/{username}")
	String update(@PathVariable String username, UserForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		UserRow user = console.user(username);
		FormErrors errors = new FormErrors(messages);
		String name = errors.required("displayName", form.displayName());
		errors.maxLength("displayName", name, 100);
		String unit = errors.required("unitCode", form.unitCode());
		Set<Role> roles = roles(form, errors);
		if (!errors.any()) {
			try {
				console.updateUser(user.username(), form.version() == null ? -1 : form.version(), new UserChange(name,
						unit, roles, Boolean.TRUE.equals(form.enabled()), form.email(), form.phone()));
				redirect.addFlashAttribute("notice", text("admin.users.saved", user.username()));
				return "redirect:/admin/users";
			}
			catch (DomainException ex) {
				errors.add(ex);
			}
		}
		response.setStatus(errors.asMap().containsKey(FormErrors.GLOBAL) ? HttpStatus.CONFLICT.value()
				: HttpStatus.BAD_REQUEST.value());
		return form(model, new UserForm(user.username(), form.displayName(), null, form.unitCode(), form.roles(),
				form.enabled(), form.email(), form.phone(), form.version()), user, errors);
	}

	@PostMapping("/{username}/password")
	String resetPassword(@PathVariable String username, @RequestParam(required = false) String password, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		UserRow user = console.user(username);
		FormErrors errors = new FormErrors(messages);
		try {
			console.resetPassword(user.username(), password);
			redirect.addFlashAttribute("notice", text("admin.users.passwordReset", user.username()));
			return "redirect:/admin/users/" + user.username() + "/edit";
		}
		catch (DomainException ex) {
			errors.add(ex);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(model, new UserForm(user.username(), user.displayName(), null, user.unitCode(), user.roles(),
				user.enabled(), user.email(), user.phone(), user.version()), user, errors);
	}

	@PostMapping("/{username}/unlock")
	String unlock(@PathVariable String username, RedirectAttributes redirect) {
		UserRow user = console.unlock(username);
		redirect.addFlashAttribute("notice", text("admin.users.unlocked", user.username()));
		return "redirect:/admin/users/" + user.username() + "/edit";
	}

	private static Set<Role> roles(UserForm form, FormErrors errors) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String r : form.roles() == null ? List.<String>of() : form.roles()) {
			Role role = errors.oneOf("roles", r, Role.class);
			if (role != null) {
				roles.add(role);
			}
		}
		return roles;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	private String form(Model model, UserForm form, UserRow user, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("user", user);
		model.addAttribute("errors", errors.asMap());
		model.addAttribute("units", console.units().stream().filter(UnitRow::active).toList());
		model.addAttribute("allRoles", Role.values());
		return "organisation/admin/user-form";
	}

	/** The account form as typed; on an error everything except the password is shown again. */
	record UserForm(String username, String displayName, String password, String unitCode, List<String> roles,
			Boolean enabled, String email, String phone, Integer version) {

		public boolean hasRole(Object role) {
			return roles != null && roles.contains(String.valueOf(role));
		}

		UserForm withoutPassword() {
			return new UserForm(username, displayName, null, unitCode, roles, enabled, email, phone, version);
		}
	}
}
