package org.xinfang.organisation.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.xinfang.organisation.CurrentUser;

/** The staff landing page after sign-in. */
@Controller
class StaffHomePage {

	private final CurrentUser currentUser;

	StaffHomePage(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	@GetMapping("/staff")
	String home(Model model) {
		model.addAttribute("me", currentUser.require());
		return "staff/home";
	}
}
