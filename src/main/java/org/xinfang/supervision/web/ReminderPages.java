package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
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
import org.xinfang.supervision.MeasureRefs.UnitRef;
import org.xinfang.supervision.Reminders;
import org.xinfang.supervision.Reminders.Kind;
import org.xinfang.supervision.Reminders.NewReminder;
import org.xinfang.supervision.Reminders.Reminder;
import org.xinfang.supervision.Reminders.Status;

/**
 * The staff pages of reminders (提醒): the reminders of the unit subtree in a period with the count per unit
 * (so that a unit reminded twice in a row shows), the form to remind (supervisors), one reminder with the
 * forms to acknowledge and respond (the unit) and its letter. The rules are those of {@link Reminders}.
 */
@Controller
class ReminderPages {

	private final Reminders reminders;

	private final CurrentUser currentUser;

	private final PageSupport pages;

	ReminderPages(Reminders reminders, CurrentUser currentUser, PageSupport pages) {
		this.reminders = reminders;
		this.currentUser = currentUser;
		this.pages = pages;
	}

	@GetMapping("/staff/reminders")
	String list(@RequestParam(required = false) String unit, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		return showList(unit, PageSupport.date(from, "from"), PageSupport.date(to, "to"), model);
	}

	@PostMapping("/staff/reminders")
	String remind(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String matterIds,
			@RequestParam(required = false) String assignmentId, @RequestParam(required = false) String respondBy,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Reminder r = reminders.remind(new NewReminder(unitCode, kind, reason,
					PageSupport.references(matterIds), PageSupport.id(assignmentId, "assignmentId"),
					PageSupport.date(respondBy, "respondBy")));
			return pages.saved("/staff/reminders/" + r.id(), redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			Map<String, String> form = new HashMap<>();
			form.put("unitCode", unitCode);
			form.put("kind", kind);
			form.put("reason", reason);
			form.put("matterIds", matterIds);
			form.put("assignmentId", assignmentId);
			form.put("respondBy", respondBy);
			PageSupport.keep(model, form);
			return showList(null, null, null, model);
		}
	}

	@GetMapping("/staff/reminders/{reminderId}")
	String detail(@PathVariable long reminderId, Model model) {
		return show(reminderId, model);
	}

	@PostMapping("/staff/reminders/{reminderId}/acknowledge")
	String acknowledge(@PathVariable long reminderId, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			reminders.acknowledge(reminderId);
			return pages.saved("/staff/reminders/" + reminderId, redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			return show(reminderId, model);
		}
	}

	@PostMapping("/staff/reminders/{reminderId}/response")
	String respond(@PathVariable long reminderId, @RequestParam(required = false) String response, Model model,
			RedirectAttributes redirect, HttpServletResponse answer) {
		try {
			reminders.respond(reminderId, response);
			return pages.saved("/staff/reminders/" + reminderId, redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, answer);
			return show(reminderId, model);
		}
	}

	@GetMapping("/staff/reminders/{reminderId}/letter.pdf")
	ResponseEntity<byte[]> letter(@PathVariable long reminderId) {
		Reminder r = reminders.find(reminderId).orElseThrow(() -> DomainException.notFound("Reminder"));
		byte[] pdf = reminders.letter(reminderId).orElseThrow(() -> DomainException.notFound("Reminder letter"));
		return MeasurePdfs.inline(pdf, "督办提醒函-" + r.number());
	}

	private String showList(String unit, LocalDate from, LocalDate to, Model model) {
		List<Reminder> list = reminders.list(unit, from, to);
		Map<UnitRef, Long> byUnit = new LinkedHashMap<>();
		list.forEach(r -> byUnit.merge(r.unit(), 1L, Long::sum));
		model.addAttribute("unit", unit);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("reminders", list);
		model.addAttribute("byUnit", byUnit);
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("canRemind", currentUser.require().has(Role.SUPERVISOR));
		if (!model.containsAttribute("form")) {
			PageSupport.keep(model, Map.of());
		}
		return "supervision/reminders";
	}

	private String show(long reminderId, Model model) {
		StaffPrincipal user = currentUser.require();
		Reminder r = reminders.find(reminderId).orElseThrow(() -> DomainException.notFound("Reminder"));
		boolean answerer = user.unitId() == r.unit().id()
				&& (user.has(Role.UNIT_HEAD) || user.has(Role.LEADER) || user.has(Role.HANDLER));
		model.addAttribute("r", r);
		model.addAttribute("canAcknowledge", answerer && r.status() == Status.SENT);
		model.addAttribute("canRespond", answerer && r.status() != Status.RESPONDED);
		return "supervision/reminder";
	}
}
