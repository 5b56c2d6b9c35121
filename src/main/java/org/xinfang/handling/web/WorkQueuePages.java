package org.xinfang.handling.web;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.xinfang.intake.MatterFilter;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;

/**
 * The work queues of each role: the matters in the states that wait for that role, touching the user's
 * unit (and below), nearest deadline first. They are filtered views of the same list as
 * {@code /staff/matters}; whether the user may take the next step is decided on the matter page.
 */
@Controller
class WorkQueuePages {

	private final MatterQueries matters;

	private final CurrentUser currentUser;

	WorkQueuePages(MatterQueries matters, CurrentUser currentUser) {
		this.matters = matters;
		this.currentUser = currentUser;
	}

	/** Registrars: matters registered by their office, to triage. */
	@GetMapping("/staff/inbox")
	@PreAuthorize("hasRole('REGISTRAR')")
	String inbox(@RequestParam(defaultValue = "0") int page, Model model) {
		return queue("inbox", EnumSet.of(MatterStatus.REGISTERED, MatterStatus.RETURNED), page, model);
	}

	/** Handlers: matters accepted by or being handled in their unit. */
	@GetMapping("/staff/work")
	@PreAuthorize("hasAnyRole('HANDLER','UNIT_HEAD')")
	String work(@RequestParam(defaultValue = "0") int page, Model model) {
		return queue("work", EnumSet.of(MatterStatus.ACCEPTED, MatterStatus.IN_HANDLING), page, model);
	}

	/** Unit heads: extension requests and reply drafts (maker-checker). */
	@GetMapping("/staff/approvals")
	@PreAuthorize("hasRole('UNIT_HEAD')")
	String approvals(@RequestParam(defaultValue = "0") int page, Model model) {
		return queue("approvals", EnumSet.of(MatterStatus.EXTENSION_REQUESTED, MatterStatus.REPLY_DRAFTED), page,
				model);
	}

	/** Reviewers: review and re-review requests about units below theirs. */
	@GetMapping("/staff/reviews")
	@PreAuthorize("hasRole('REVIEWER')")
	String reviews(@RequestParam(defaultValue = "0") int page, Model model) {
		return queue("reviews", EnumSet.of(MatterStatus.UNDER_REVIEW, MatterStatus.UNDER_REREVIEW), page, model);
	}

	private String queue(String name, Set<MatterStatus> statuses, int page, Model model) {
		StaffPrincipal user = currentUser.require();
		model.addAttribute("queue", name);
		model.addAttribute("page",
				matters.list(MatterFilter.queue(user.unitCode(), statuses), MatterFilter.Sort.DEADLINE, page, 25));
		return "handling/queue";
	}
}
