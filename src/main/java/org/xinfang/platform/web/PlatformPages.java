package org.xinfang.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class PlatformPages {

	@GetMapping("/login")
	String login() {
		return "platform/login";
	}
}
