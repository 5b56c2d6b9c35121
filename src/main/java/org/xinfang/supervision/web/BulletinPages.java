package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
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
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.Bulletins;
import org.xinfang.supervision.Bulletins.Bulletin;
import org.xinfang.supervision.Bulletins.Kind;
import org.xinfang.supervision.Bulletins.Named;
import org.xinfang.supervision.Bulletins.ProposalStatus;
import org.xinfang.supervision.Bulletins.Text;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;

/**
 * The staff pages of bulletins (通报, DOMAIN §6): the list with the forms to generate a regular bulletin and to
 * write a special one, one bulletin with its ranking, lagging units, proposals, edit form, publication and
 * downloads (the API's PDF and Excel), and the proposals awaiting a supervisor's decision. The rules are those of
 * {@link Bulletins}, the same as the API. Named units are written one per line: the unit code, a space, the note.
 */
@Controller
class BulletinPages {

	private final Bulletins bulletins;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	BulletinPages(Bulletins bulletins, CurrentUser currentUser, MessageSource messages) {
		this.bulletins = bulletins;
		this.currentUser = currentUser;
		this.messages = messages;
	}

	@GetMapping("/staff/bulletins")
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("bulletins", bulletins.list(unit));
		model.addAttribute("canWrite", currentUser.require().has(Role.SUPERVISOR));
		model.addAttribute("kinds", List.of(Kind.MONTHLY, Kind.HALF_YEARLY, Kind.YEARLY));
		model.addAttribute("ownUnit", currentUser.require().unitCode());
		return "supervision/bulletins";
	}

	@PostMapping("/staff/bulletins")
	String create(@RequestParam(required = false) String kind, @RequestParam(required = false) String unitCode,
			@RequestParam(required = false) String period, @RequestParam(required = false) String title,
			@RequestParam(required = false) String foreword, @RequestParam(required = false) String body,
			@RequestParam(required = false) String named, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Kind k = BulletinApi.lenient(Kind.class, kind);
		try {
			Bulletin b = k == Kind.SPECIAL ? bulletins.writeSpecial(unitCode, new Text(title, foreword, body, named(named)))
					: bulletins.generate(unitCode, k, period);
			return saved(b.id(), redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			model.addAttribute("form", new Form(kind, unitCode, period, title, foreword, body, named));
			return list(null, model);
		}
	}

	@GetMapping("/staff/bulletins/{bulletinId}")
	String detail(@PathVariable long bulletinId, Model model) {
		return show(bulletinId, model);
	}

	@PostMapping("/staff/bulletins/{bulletinId}")
	String edit(@PathVariable long bulletinId, @RequestParam(required = false) String title,
			@RequestParam(required = false) String foreword, @RequestParam(required = false) String body,
			@RequestParam(required = false) String named, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			bulletins.edit(bulletinId, new Text(title, foreword, body, named == null ? null : named(named)));
			return saved(bulletinId, redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return show(bulletinId, model);
		}
	}

	@PostMapping("/staff/bulletins/{bulletinId}/regenerate")
	String regenerate(@PathVariable long bulletinId, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			bulletins.regenerate(bulletinId);
			return saved(bulletinId, redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return show(bulletinId, model);
		}
	}

	@PostMapping("/staff/bulletins/{bulletinId}/publish")
	String publish(@PathVariable long bulletinId, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			bulletins.publish(bulletinId);
			return saved(bulletinId, redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return show(bulletinId, model);
		}
	}

	@GetMapping("/staff/bulletin-proposals")
	String proposals(@RequestParam(required = false) String unit, @RequestParam(required = false) String status,
			Model model) {
		ProposalStatus s = status == null ? ProposalStatus.PROPOSED
				: status.isBlank() ? null : BulletinApi.lenient(ProposalStatus.class, status);
		model.addAttribute("unit", unit);
		model.addAttribute("status", s == null ? "" : s.name());
		model.addAttribute("statuses", ProposalStatus.values());
		model.addAttribute("proposals", bulletins.proposals(unit, s));
		model.addAttribute("canDecide", currentUser.require().has(Role.SUPERVISOR));
		return "supervision/bulletin-proposals";
	}

	@PostMapping("/staff/bulletin-proposals/{proposalId}/confirm")
	String confirm(@PathVariable long proposalId, @RequestParam(required = false) String measure, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			bulletins.confirm(proposalId, BulletinApi.lenient(Measure.class, measure));
			return decided(redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return proposals(null, null, model);
		}
	}

	@PostMapping("/staff/bulletin-proposals/{proposalId}/dismiss")
	String dismiss(@PathVariable long proposalId, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			bulletins.dismiss(proposalId, reason);
			return decided(redirect);
		}
		catch (DomainException ex) {
			failed(ex, model, response);
			return proposals(null, null, model);
		}
	}

	/** What the create form held, shown again after an error. */
	record Form(String kind, String unitCode, String period, String title, String foreword, String body,
			String named) {
	}

	/** "CODE note" per line. */
	static List<Named> named(String text) {
		List<Named> out = new ArrayList<>();
		if (text == null) {
			return out;
		}
		for (String line : text.split("\\R")) {
			String l = line.strip();
			if (l.isEmpty()) {
				continue;
			}
			String[] parts = l.split("[\\s：:]+", 2);
			out.add(new Named(parts[0], parts.length > 1 ? parts[1] : ""));
		}
		return out;
	}

	private String saved(long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", messages.getMessage("bulletin.saved", null, LocaleContextHolder.getLocale()));
		return "redirect:/staff/bulletins/" + id;
	}

	private String decided(RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", messages.getMessage("bulletin.saved", null, LocaleContextHolder.getLocale()));
		return "redirect:/staff/bulletin-proposals";
	}

	/** 403 and 404 become the error page; a correctable refusal is shown on the page with its status. */
	private void failed(DomainException ex, Model model, HttpServletResponse response) {
		if (ex.status().value() == 404 || ex.status().value() == 403) {
			throw ex;
		}
		response.setStatus(ex.status().value());
		String error = ex instanceof InvalidInput invalid
				? String.join("；", invalid.byField().entrySet().stream().map(e -> e.getKey() + "：" + e.getValue()).toList())
				: messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale());
		model.addAttribute("error", error);
	}

	private String show(long id, Model model) {
		Bulletin b = bulletins.find(id);
		model.addAttribute("b", b);
		model.addAttribute("canWrite", currentUser.require().has(Role.SUPERVISOR));
		StringBuilder named = new StringBuilder();
		if (b.kind() == Kind.SPECIAL) {
			b.entries().forEach(e -> named.append(e.unit().code()).append(' ').append(e.note()).append('\n'));
		}
		model.addAttribute("namedText", named.toString());
		return "supervision/bulletin";
	}
}
