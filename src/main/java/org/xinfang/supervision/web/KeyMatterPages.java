package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.KeyMatters;
import org.xinfang.supervision.KeyMatters.KeyMatter;
import org.xinfang.supervision.KeyMatters.Marking;
import org.xinfang.supervision.LeaderRank;
import org.xinfang.supervision.SupervisingLevel;

/**
 * The staff pages of key matters (包案, DOMAIN §6): the list of key matters in the user's scope, and one key
 * matter with its weekly reports, the form for this week's report (owning leader and team) and the form to
 * mark or update it (supervisors and leaders). The rules are those of {@link KeyMatters}, the same as the API.
 */
@Controller
class KeyMatterPages {

	private final KeyMatters keyMatters;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	KeyMatterPages(KeyMatters keyMatters, CurrentUser currentUser, MessageSource messages) {
		this.keyMatters = keyMatters;
		this.currentUser = currentUser;
		this.messages = messages;
	}

	@GetMapping("/staff/key-matters")
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("keyMatters", keyMatters.list(unit));
		return "supervision/key-matters";
	}

	@GetMapping("/staff/key-matters/{matterId}")
	String detail(@PathVariable long matterId, Model model) {
		return show(matterId, model);
	}

	@PostMapping("/staff/key-matters/{matterId}/reports")
	String report(@PathVariable long matterId, @RequestParam(required = false) String report, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			keyMatters.report(matterId, report);
			return saved(matterId, redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			model.addAttribute("reportText", report);
			return show(matterId, model);
		}
	}

	@PostMapping("/staff/key-matters/{matterId}/mark")
	String mark(@PathVariable long matterId, @RequestParam(required = false) String supervisingLevel,
			@RequestParam(required = false) String leaderUsername, @RequestParam(required = false) String leaderRank,
			@RequestParam(required = false) String team, @RequestParam(required = false) String plan, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		List<String> members = team == null ? List.of()
				: Arrays.stream(team.split("[,，\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		try {
			keyMatters.mark(matterId, new Marking(supervisingLevel, leaderUsername, leaderRank, members, plan));
			return saved(matterId, redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return show(matterId, model);
		}
	}

	private String saved(long matterId, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				messages.getMessage("keymatter.saved", null, LocaleContextHolder.getLocale()));
		return "redirect:/staff/key-matters/" + matterId;
	}

	private void failed(DomainException ex, Model model, HttpServletResponse response) {
		if (ex.status().value() == 404) {
			throw ex;
		}
		response.setStatus(ex.status().value());
		// each field by its label, with the message already in the request's language
		Locale locale = LocaleContextHolder.getLocale();
		String error = ex instanceof InvalidInput invalid
				? String.join(messages.getMessage("keymatter.field.separator", null, "; ", locale), invalid.byField()
					.entrySet()
					.stream()
					.map(e -> messages.getMessage("keymatter.field.error",
							new Object[] { messages.getMessage("keymatter.field." + e.getKey(), null, e.getKey(), locale),
									e.getValue() },
							locale))
					.toList())
				: messages.getMessage("problem." + ex.code(), null, ex.getMessage(), locale);
		model.addAttribute("error", error);
	}

	private String show(long matterId, Model model) {
		StaffPrincipal user = currentUser.require();
		KeyMatter key = keyMatters.find(matterId).orElse(null);
		boolean canMark = user.has(Role.SUPERVISOR) || user.has(Role.LEADER);
		if (key == null && !canMark) {
			throw DomainException.notFound("Key matter");
		}
		boolean canReport = key != null && !"CLOSED".equals(key.status())
				&& (key.leader().username().equals(user.username())
						|| key.team().stream().anyMatch(p -> p.username().equals(user.username())));
		model.addAttribute("matterId", matterId);
		model.addAttribute("key", key);
		model.addAttribute("canMark", canMark);
		model.addAttribute("canReport", canReport);
		model.addAttribute("levels", SupervisingLevel.values());
		model.addAttribute("ranks", LeaderRank.values());
		model.addAttribute("teamText", key == null ? "" : String.join(", ", key.team().stream().map(KeyMatters.Person::username).toList()));
		return "supervision/key-matter";
	}
}
