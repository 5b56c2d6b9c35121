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
import org.xinfang.supervision.ProblemLists;
import org.xinfang.supervision.ProblemLists.Draft;
import org.xinfang.supervision.ProblemLists.ItemInput;
import org.xinfang.supervision.ProblemLists.ProblemList;
import org.xinfang.supervision.ProblemLists.Status;

/**
 * The staff pages of problem lists (问题清单, DOMAIN §6): the subtree's lists with the form to draft one (with
 * its first item), and one list with its items and the form of each item's next step. The rules are those of
 * {@link ProblemLists}, the same as the API.
 */
@Controller
class ProblemListPages {

	private final ProblemLists lists;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	ProblemListPages(ProblemLists lists, CurrentUser currentUser, MessageSource messages) {
		this.lists = lists;
		this.currentUser = currentUser;
		this.messages = messages;
	}

	@GetMapping("/staff/problem-lists")
	String list(@RequestParam(required = false) String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("lists", lists.list(unit, null, null));
		model.addAttribute("canDraft", manages(currentUser.require()));
		model.addAttribute("kinds", ProblemLists.Kind.values());
		return "supervision/problem-lists";
	}

	@PostMapping("/staff/problem-lists")
	String draft(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String title,
			@RequestParam(required = false) String inspection, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String problem, @RequestParam(required = false) String matter,
			@RequestParam(required = false) String requirement, @RequestParam(required = false) String dueOn,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			ProblemList list = lists.draft(new Draft(unitCode, title, inspection,
					List.of(new ItemInput(kind, problem, matter, requirement, dueOn))));
			return FormErrors.saved("/staff/problem-lists/" + list.id(), redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			return list(null, model);
		}
	}

	@GetMapping("/staff/problem-lists/{listId}")
	String detail(@PathVariable long listId, Model model) {
		ProblemList list = lists.find(listId);
		StaffPrincipal user = currentUser.require();
		boolean manager = manages(user);
		boolean ofUnit = user.unitCode().equals(list.unit().code());
		model.addAttribute("list", list);
		model.addAttribute("canEdit", manager && list.status() == Status.DRAFT);
		model.addAttribute("canReport", ofUnit && list.status() == Status.ISSUED);
		model.addAttribute("canVerify", manager && !ofUnit && list.status() == Status.ISSUED);
		model.addAttribute("kinds", ProblemLists.Kind.values());
		return "supervision/problem-list";
	}

	@PostMapping("/staff/problem-lists/{listId}/items")
	String addItem(@PathVariable long listId, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String problem, @RequestParam(required = false) String matter,
			@RequestParam(required = false) String requirement, @RequestParam(required = false) String dueOn,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return step(listId, () -> lists.addItem(listId, new ItemInput(kind, problem, matter, requirement, dueOn)), model,
				redirect, response);
	}

	@PostMapping("/staff/problem-lists/{listId}/issue")
	String issue(@PathVariable long listId, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return step(listId, () -> lists.issue(listId), model, redirect, response);
	}

	@PostMapping("/staff/problem-lists/{listId}/items/{itemId}/report")
	String report(@PathVariable long listId, @PathVariable long itemId,
			@RequestParam(required = false) String rectification, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(listId, () -> lists.reportItem(listId, itemId, rectification), model, redirect, response);
	}

	@PostMapping("/staff/problem-lists/{listId}/items/{itemId}/verify")
	String verify(@PathVariable long listId, @PathVariable long itemId, @RequestParam(required = false) String decision,
			@RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(listId, () -> {
			if ("ACCEPT".equals(decision)) {
				lists.acceptItem(listId, itemId);
			}
			else {
				lists.rejectItem(listId, itemId, reason);
			}
		}, model, redirect, response);
	}

	private String step(long id, Runnable action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			action.run();
			return FormErrors.saved("/staff/problem-lists/" + id, redirect, messages);
		}
		catch (DomainException ex) {
			FormErrors.failed(ex, model, response, messages);
			return detail(id, model);
		}
	}

	private static boolean manages(StaffPrincipal user) {
		return user.has(Role.SUPERVISOR) || user.has(Role.LEADER);
	}
}
