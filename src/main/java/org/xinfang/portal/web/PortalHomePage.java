package org.xinfang.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The citizen portal's front page: submit a petition or track one. */
@Controller
class PortalHomePage {

	@GetMapping("/")
	String home() {
		return "portal/home";
	}
}
