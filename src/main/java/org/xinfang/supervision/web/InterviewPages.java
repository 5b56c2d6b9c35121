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
import org.xinfang.supervision.Interviews;
import org.xinfang.supervision.Interviews.Interview;
import org.xinfang.supervision.Interviews.IntervieweeInput;
import org.xinfang.supervision.Interviews.Notification;
import org.xinfang.supervision.Interviews.Opening;
import org.xinfang.supervision.Interviews.Preparation;
import org.xinfang.supervision.Interviews.Record;
import org.xinfang.supervision.Interviews.Status;

/**
 * The staff pages of interviews (约谈, DOMAIN §6): the list of the subtree's interviews with the form to open
 * one, and one interview with the form of its next step for whoever may take it. The rules are those of
 * {@link Interviews}, the same as the API. Interviewees are entered as {@code username:POST}.
 */
@Controller
class InterviewPages {

	private final Interviews interviews;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	InterviewPages(Interviews interviews, CurrentUser currentUser, MessageSource messages) {
		this.interviews = interviews;
		this.currentUser = currentUser;
		this.messages = messages;
	}

	@GetMapping("/staff/interviews")
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("interviews", interviews.list(unit, null, null));
		model.addAttribute("canOpen", manages(currentUser.require()));
		model.addAttribute("posts", Interviews.Post.values());
		return "supervision/interviews";
	}

	@PostMapping("/staff/interviews")
	String open(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String panel, @RequestParam(required = false) String interviewees,
			@RequestParam(required = false) String matters, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			Interview opened = interviews.open(new Opening(unitCode, reason, preparation(panel, interviewees, matters)));
			return FormErrors.saved("/staff/interviews/" + opened.id(), redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			model.addAttribute("form", new OpenForm(unitCode, reason, panel, interviewees, matters));
			return list(null, model);
		}
	}

	record OpenForm(String unitCode, String reason, String panel, String interviewees, String matters) {
	}

	@GetMapping("/staff/interviews/{interviewId}")
	String detail(@PathVariable long interviewId, Model model) {
		Interview interview = interviews.find(interviewId);
		StaffPrincipal user = currentUser.require();
		boolean manager = manages(user);
		boolean ofUnit = user.unitCode().equals(interview.unit().code())
				|| interview.interviewees().stream().anyMatch(i -> i.username().equals(user.username()));
		boolean party = interview.panel().stream().anyMatch(p -> p.username().equals(user.username()))
				|| interview.interviewees().stream().anyMatch(i -> i.username().equals(user.username()));
		model.addAttribute("interview", interview);
		model.addAttribute("manager", manager);
		model.addAttribute("canPrepare", manager && interview.status() == Status.PREPARING);
		model.addAttribute("canHold", manager && interview.status() == Status.NOTIFIED);
		model.addAttribute("canSign", (manager || party) && interview.status() == Status.HELD);
		model.addAttribute("canReport", ofUnit && interview.status() == Status.SIGNED);
		model.addAttribute("canAccept", manager && !ofUnit && interview.status() == Status.REPORTED);
		model.addAttribute("canCancel", manager
				&& (interview.status() == Status.PREPARING || interview.status() == Status.NOTIFIED));
		model.addAttribute("panelText", String.join(" ", interview.panel().stream().map(Interviews.Person::username).toList()));
		model.addAttribute("intervieweesText", String.join(", ",
				interview.interviewees().stream().map(i -> i.username() + ":" + i.post()).toList()));
		model.addAttribute("mattersText", String.join(" ",
				interview.matters().stream().map(Interviews.MatterRef::trackingCode).toList()));
		model.addAttribute("posts", Interviews.Post.values());
		return "supervision/interview";
	}

	@PostMapping("/staff/interviews/{interviewId}/preparation")
	String prepare(@PathVariable long interviewId, @RequestParam(required = false) String panel,
			@RequestParam(required = false) String interviewees, @RequestParam(required = false) String matters,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.prepare(interviewId, preparation(panel, interviewees, matters)), model,
				redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/notify")
	String notify(@PathVariable long interviewId, @RequestParam(required = false) String scheduledAt,
			@RequestParam(required = false) String place, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(interviewId, () -> interviews.notify(interviewId, new Notification(scheduledAt, place)), model,
				redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/hold")
	String hold(@PathVariable long interviewId, @RequestParam(required = false) String heldOn,
			@RequestParam(required = false) String minutes, @RequestParam(required = false) String commitments,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.hold(interviewId, new Record(heldOn, minutes, commitments)), model,
				redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/signatures")
	String sign(@PathVariable long interviewId, @RequestParam(required = false) String username, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.sign(interviewId, username), model, redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/report")
	String report(@PathVariable long interviewId, @RequestParam(required = false) String report, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.fileReport(interviewId, report), model, redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/accept")
	String accept(@PathVariable long interviewId, @RequestParam(required = false) String note, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.accept(interviewId, note), model, redirect, response);
	}

	@PostMapping("/staff/interviews/{interviewId}/cancel")
	String cancel(@PathVariable long interviewId, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(interviewId, () -> interviews.cancel(interviewId, reason), model, redirect, response);
	}

	private String step(long id, Runnable action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			action.run();
			return FormErrors.saved("/staff/interviews/" + id, redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			return detail(id, model);
		}
	}

	private static Preparation preparation(String panel, String interviewees, String matters) {
		List<IntervieweeInput> named = FormErrors.names(interviewees).stream().map(s -> {
			int colon = s.indexOf(':') >= 0 ? s.indexOf(':') : s.indexOf('：');
			return colon < 0 ? new IntervieweeInput(s, null)
					: new IntervieweeInput(s.substring(0, colon), s.substring(colon + 1));
		}).toList();
		return new Preparation(FormErrors.names(panel), named, FormErrors.names(matters));
	}

	private static boolean manages(StaffPrincipal user) {
		return user.has(Role.SUPERVISOR) || user.has(Role.LEADER);
	}
}
