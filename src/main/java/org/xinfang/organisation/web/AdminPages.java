package org.xinfang.organisation.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.xinfang.organisation.internal.AdminConsole;

/** The administration start page (the URL rule of the security configuration admits administrators only). */
@Controller
class AdminPages {

	private final AdminConsole console;

	AdminPages(AdminConsole console) {
		this.console = console;
	}

	@GetMapping("/admin")
	String index(Model model) {
		model.addAttribute("me", console.me());
		model.addAttribute("unitCount", console.units().size());
		model.addAttribute("userCount", console.users(null).size());
		return "organisation/admin/index";
	}
}
