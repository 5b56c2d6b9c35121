package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
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
import org.xinfang.supervision.SpecialAssignments;
import org.xinfang.supervision.SpecialAssignments.Assignment;
import org.xinfang.supervision.SpecialAssignments.NewAssignment;
import org.xinfang.supervision.SpecialAssignments.Status;
import org.xinfang.supervision.SpecialAssignments.StepReport;

/**
 * The staff pages of special assignments (专项交办): the list of the unit subtree with the form to assign
 * (supervisors), one assignment with its steps, the form for the next step (the unit) and to close
 * (supervisors), and its 交办单. The rules are those of {@link SpecialAssignments}, the same as the API.
 */
@Controller
class SpecialAssignmentPages {

	private final SpecialAssignments assignments;

	private final CurrentUser currentUser;

	private final PageSupport pages;

	SpecialAssignmentPages(SpecialAssignments assignments, CurrentUser currentUser, PageSupport pages) {
		this.assignments = assignments;
		this.currentUser = currentUser;
		this.pages = pages;
	}

	@GetMapping("/staff/assignments")
	String list(@RequestParam(required = false) String unit, Model model) {
		return showList(unit, model);
	}

	@PostMapping("/staff/assignments")
	String assign(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String requirements, @RequestParam(required = false) String matterIds,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Assignment a = assignments.assign(new NewAssignment(unitCode, topic, requirements,
					PageSupport.references(matterIds)));
			return pages.saved("/staff/assignments/" + a.id(), redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			Map<String, String> form = new HashMap<>();
			form.put("unitCode", unitCode);
			form.put("topic", topic);
			form.put("requirements", requirements);
			form.put("matterIds", matterIds);
			PageSupport.keep(model, form);
			return showList(null, model);
		}
	}

	@GetMapping("/staff/assignments/{assignmentId}")
	String detail(@PathVariable long assignmentId, Model model) {
		return show(assignmentId, model);
	}

	@PostMapping("/staff/assignments/{assignmentId}/steps/{step}")
	String report(@PathVariable long assignmentId, @PathVariable String step,
			@RequestParam(required = false) String report, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			assignments.report(assignmentId, SpecialAssignmentApi.step(step), report);
			return pages.saved("/staff/assignments/" + assignmentId, redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			return show(assignmentId, model);
		}
	}

	@PostMapping("/staff/assignments/{assignmentId}/close")
	String close(@PathVariable long assignmentId, @RequestParam(required = false) String note, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			assignments.close(assignmentId, note);
			return pages.saved("/staff/assignments/" + assignmentId, redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			return show(assignmentId, model);
		}
	}

	@GetMapping("/staff/assignments/{assignmentId}/notice.pdf")
	ResponseEntity<byte[]> notice(@PathVariable long assignmentId) {
		Assignment a = assignments.find(assignmentId).orElseThrow(() -> DomainException.notFound("Special assignment"));
		return MeasurePdfs.inline(assignments.notice(assignmentId).orElseThrow(), "专项交办单-" + a.number());
	}

	private String showList(String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("assignments", assignments.list(unit));
		model.addAttribute("canAssign", currentUser.require().has(Role.SUPERVISOR));
		if (!model.containsAttribute("form")) {
			PageSupport.keep(model, Map.of());
		}
		return "supervision/assignments";
	}

	private String show(long assignmentId, Model model) {
		StaffPrincipal user = currentUser.require();
		Assignment a = assignments.find(assignmentId).orElseThrow(() -> DomainException.notFound("Special assignment"));
		StepReport next = a.status() == Status.OPEN
				? a.steps().stream().filter(s -> s.reportedAt() == null).findFirst().orElse(null) : null;
		boolean answerer = user.unitId() == a.unit().id()
				&& (user.has(Role.UNIT_HEAD) || user.has(Role.LEADER) || user.has(Role.HANDLER));
		model.addAttribute("a", a);
		model.addAttribute("nextStep", answerer ? next : null);
		model.addAttribute("canClose", user.has(Role.SUPERVISOR) && a.status() == Status.RESULT_REPORTED);
		return "supervision/assignment";
	}
}
