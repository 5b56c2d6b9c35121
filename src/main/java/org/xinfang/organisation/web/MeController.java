package org.xinfang.organisation.web;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;

/** Who am I: the signed-in staff member's name, roles and unit. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

	private final CurrentUser currentUser;

	MeController(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	@GetMapping
	Me me() {
		StaffPrincipal p = currentUser.require();
		return new Me(p.username(), p.displayName(), p.roles().stream().map(Enum::name).sorted().toList(),
				p.unitCode(), p.unitName());
	}

	record Me(String username, String name, List<String> roles, String unitCode, String unitName) {
	}
}
