package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
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
import org.xinfang.supervision.Flags;
import org.xinfang.supervision.Flags.Flag;
import org.xinfang.supervision.Flags.Ground;
import org.xinfang.supervision.Flags.NewFlag;
import org.xinfang.supervision.Flags.Status;

/**
 * The staff pages of flagged supervision (挂牌督办): the flags of the unit subtree with the overdue ones marked
 * and the form to file (supervisors), one flag with its steps and the form of the step that is next for the
 * user, and its notice. The rules are those of {@link Flags}.
 */
@Controller
class FlagPages {

	private final Flags flags;

	private final CurrentUser currentUser;

	private final PageSupport pages;

	FlagPages(Flags flags, CurrentUser currentUser, PageSupport pages) {
		this.flags = flags;
		this.currentUser = currentUser;
		this.pages = pages;
	}

	@GetMapping("/staff/flags")
	String list(@RequestParam(required = false) String unit, Model model) {
		return showList(unit, model);
	}

	@PostMapping("/staff/flags")
	String file(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String ground,
			@RequestParam(required = false) String matterId, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Flag f = flags.file(new NewFlag(unitCode, ground, matterId, reason));
			return pages.saved("/staff/flags/" + f.id(), redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			Map<String, String> form = new HashMap<>();
			form.put("unitCode", unitCode);
			form.put("ground", ground);
			form.put("matterId", matterId);
			form.put("reason", reason);
			PageSupport.keep(model, form);
			return showList(null, model);
		}
	}

	@GetMapping("/staff/flags/{flagId}")
	String detail(@PathVariable long flagId, Model model) {
		return show(flagId, model);
	}

	@PostMapping("/staff/flags/{flagId}/notice")
	String notice(@PathVariable long flagId, @RequestParam(required = false) String deadline,
			@RequestParam(required = false) String note, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return step(flagId, () -> flags.issueNotice(flagId, PageSupport.date(deadline, "deadline"), note), model,
				redirect, response);
	}

	@PostMapping("/staff/flags/{flagId}/resolution")
	String resolution(@PathVariable long flagId, @RequestParam(required = false) String report, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(flagId, () -> flags.reportResolution(flagId, report), model, redirect, response);
	}

	@PostMapping("/staff/flags/{flagId}/acceptance")
	String acceptance(@PathVariable long flagId, @RequestParam(required = false) String passed,
			@RequestParam(required = false) String note, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Boolean result = passed == null || passed.isBlank() ? null : Boolean.valueOf(passed);
		return step(flagId, () -> flags.checkAcceptance(flagId, result, note), model, redirect, response);
	}

	@PostMapping("/staff/flags/{flagId}/unflag")
	String unflag(@PathVariable long flagId, @RequestParam(required = false) String note, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return step(flagId, () -> flags.unflag(flagId, note), model, redirect, response);
	}

	@GetMapping("/staff/flags/{flagId}/notice.pdf")
	ResponseEntity<byte[]> noticePdf(@PathVariable long flagId) {
		Flag flag = flags.find(flagId).orElseThrow(() -> DomainException.notFound("Flag"));
		byte[] pdf = flags.notice(flagId).orElseThrow(() -> DomainException.notFound("Flag notice"));
		return MeasurePdfs.inline(pdf, "挂牌督办通知书-" + flag.number());
	}

	private String step(long flagId, Supplier<Flag> action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			action.get();
			return pages.saved("/staff/flags/" + flagId, redirect);
		}
		catch (DomainException ex) {
			pages.failed(ex, model, response);
			return show(flagId, model);
		}
	}

	private String showList(String unit, Model model) {
		model.addAttribute("unit", unit);
		model.addAttribute("flags", flags.list(unit));
		model.addAttribute("grounds", Ground.values());
		model.addAttribute("canFile", currentUser.require().has(Role.SUPERVISOR));
		if (!model.containsAttribute("form")) {
			PageSupport.keep(model, Map.of());
		}
		return "supervision/flags";
	}

	private String show(long flagId, Model model) {
		StaffPrincipal user = currentUser.require();
		Flag f = flags.find(flagId).orElseThrow(() -> DomainException.notFound("Flag"));
		boolean supervisor = user.has(Role.SUPERVISOR);
		boolean answerer = user.unitId() == f.unit().id()
				&& (user.has(Role.UNIT_HEAD) || user.has(Role.LEADER) || user.has(Role.HANDLER));
		model.addAttribute("f", f);
		model.addAttribute("canNotice", supervisor && f.status() == Status.FILED);
		model.addAttribute("canResolve", answerer && f.status() == Status.NOTICE_ISSUED);
		model.addAttribute("canAccept", supervisor && f.status() == Status.RESOLUTION_REPORTED);
		model.addAttribute("canUnflag", supervisor && f.status() == Status.ACCEPTED);
		return "supervision/flag";
	}
}
