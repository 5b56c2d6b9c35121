package org.xinfang.handling.web;

import java.text.NumberFormat;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.xinfang.intake.MatterFilter;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;

/**
 * The work queues of each role: the matters in the states that wait for that role, touching the user's
 * unit (and below), nearest deadline first. They are filtered views of the same list as
 * {@code /staff/matters}; whether the user may take the next step is decided on the matter page.
 * <p>
 * The pager is given to the template as plain values ({@code previousPage}, {@code nextPage}, {@code pageLabel}):
 * computed by the template, its four method calls on the page went through SpEL's reflection, and its label's
 * {@code MessageFormat} built a {@code NumberFormat} for each of its three numbers — together about a tenth of a
 * work queue's rendering (BENCHMARKS.md, "Causes and fixes" 120). The label is the same message with the same
 * numbers, formatted as {@code MessageFormat} formats a number in the request's language.
 */
@Controller
class WorkQueuePages {

	private final MatterQueries matters;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	/** {@code NumberFormat.getInstance(locale)} per language, cloned for each use (a format is not thread-safe). */
	private final Map<Locale, NumberFormat> numberFormats = new ConcurrentHashMap<>();

	WorkQueuePages(MatterQueries matters, CurrentUser currentUser, MessageSource messages) {
		this.matters = matters;
		this.currentUser = currentUser;
		this.messages = messages;
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
		MatterPage list = matters.list(MatterFilter.queue(user.unitCode(), statuses), MatterFilter.Sort.DEADLINE,
				page, 25);
		model.addAttribute("queue", name);
		pager(list, LocaleContextHolder.getLocale(), model);
		return "handling/queue";
	}

	/** The page and its pager's values: the previous and next page numbers (null: none) and the label. */
	void pager(MatterPage list, Locale locale, Model model) {
		model.addAttribute("page", list);
		model.addAttribute("previousPage", list.page() > 0 ? list.page() - 1 : null);
		model.addAttribute("nextPage", list.page() + 1 < list.pages() ? list.page() + 1 : null);
		model.addAttribute("pageLabel", pageLabel(list, locale));
	}

	/** "Page 2 of 40, 1,000 matters", as {@code #{matters.page(…)}} (or {@code matters.page.more}) writes it. */
	private String pageLabel(MatterPage list, Locale locale) {
		NumberFormat numbers = (NumberFormat) numberFormats
			.computeIfAbsent(locale, NumberFormat::getInstance)
			.clone();
		Object[] arguments = { numbers.format(list.page() + 1), numbers.format(list.pages()),
				numbers.format(list.total()) };
		return messages.getMessage(list.totalExact() ? "matters.page" : "matters.page.more", arguments, locale);
	}
}
