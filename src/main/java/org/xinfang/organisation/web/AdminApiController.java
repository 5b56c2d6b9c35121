package org.xinfang.organisation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.OrganisationAdministration.NewUnit;
import org.xinfang.organisation.OrganisationAdministration.NewUser;
import org.xinfang.organisation.OrganisationAdministration.UnitChange;
import org.xinfang.organisation.OrganisationAdministration.UserChange;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.internal.AdminConsole;
import org.xinfang.organisation.internal.AdminConsole.UnitRow;
import org.xinfang.organisation.internal.AdminConsole.UserRow;

/**
 * The administration API for scripts: units and staff accounts of the caller's own subtree. Edits send back
 * the {@code version} they read; a stale one answers 409. Password hashes never leave the server.
 */
@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminApiController {

	private final AdminConsole console;

	AdminApiController(AdminConsole console) {
		this.console = console;
	}

	@GetMapping("/units")
	List<UnitRow> units() {
		return console.units();
	}

	@GetMapping("/units/{code}")
	UnitRow unit(@PathVariable String code) {
		return console.unit(code);
	}

	@PostMapping("/units")
	ResponseEntity<UnitRow> createUnit(@Valid @RequestBody NewUnitRequest r) {
		UnitRow unit = console.createUnit(new NewUnit(r.code(), r.name().trim(), r.parentCode(), r.level(), r.type(),
				Boolean.TRUE.equals(r.petitionOffice())));
		return ResponseEntity.created(URI.create("/api/v1/admin/units/" + unit.code())).body(unit);
	}

	@PutMapping("/units/{code}")
	UnitRow updateUnit(@PathVariable String code, @Valid @RequestBody UnitUpdate r) {
		return console.updateUnit(code, r.version(), new UnitChange(r.name().trim(), r.level(), r.type(),
				Boolean.TRUE.equals(r.petitionOffice()), !Boolean.FALSE.equals(r.active())));
	}

	@PostMapping("/units/{code}/move")
	UnitRow moveUnit(@PathVariable String code, @Valid @RequestBody UnitMove r) {
		return console.moveUnit(code, r.version(), r.parentCode());
	}

	@PostMapping("/units/{code}/deactivate")
	UnitRow deactivateUnit(@PathVariable String code, @Valid @RequestBody VersionOnly r) {
		return console.deactivateUnit(code, r.version());
	}

	@GetMapping("/users")
	List<UserRow> users(@RequestParam(required = false) String unit) {
		return console.users(unit);
	}

	@GetMapping("/users/{username}")
	UserRow user(@PathVariable String username) {
		return console.user(username);
	}

	@PostMapping("/users")
	ResponseEntity<UserRow> createUser(@Valid @RequestBody NewUserRequest r) {
		UserRow user = console.createUser(new NewUser(r.username(), r.displayName().trim(), r.password(), r.unitCode(),
				Set.copyOf(r.roles()), r.email(), r.phone()));
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.username())).body(user);
	}

	@PutMapping("/users/{username}")
	UserRow updateUser(@PathVariable String username, @Valid @RequestBody UserUpdate r) {
		return console.updateUser(username, r.version(), new UserChange(r.displayName().trim(), r.unitCode(),
				Set.copyOf(r.roles()), !Boolean.FALSE.equals(r.enabled()), r.email(), r.phone()));
	}

	@PostMapping("/users/{username}/password")
	ResponseEntity<Void> resetPassword(@PathVariable String username, @Valid @RequestBody PasswordReset r) {
		console.resetPassword(username, r.password());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/users/{username}/unlock")
	UserRow unlock(@PathVariable String username) {
		return console.unlock(username);
	}

	record NewUnitRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}") String code,
			@NotBlank @Size(max = 200) String name, @NotBlank String parentCode, @NotNull Unit.UnitLevel level,
			@NotNull Unit.UnitType type, Boolean petitionOffice) {
	}

	record UnitUpdate(@NotBlank @Size(max = 200) String name, @NotNull Unit.UnitLevel level,
			@NotNull Unit.UnitType type, Boolean petitionOffice, Boolean active, @NotNull Integer version) {
	}

	record UnitMove(@NotBlank String parentCode, @NotNull Integer version) {
	}

	record VersionOnly(@NotNull Integer version) {
	}

	record NewUserRequest(@NotBlank @Pattern(regexp = "[a-z0-9._-]{3,60}") String username,
			@NotBlank @Size(max = 100) String displayName,
			@NotNull @Size(min = OrganisationAdministration.MIN_PASSWORD_LENGTH, max = 200) String password,
			@NotBlank String unitCode, @NotNull Set<Role> roles, @Size(max = 200) String email,
			@Size(max = 50) String phone) {
	}

	record UserUpdate(@NotBlank @Size(max = 100) String displayName, @NotBlank String unitCode,
			@NotNull Set<Role> roles, Boolean enabled, @Size(max = 200) String email, @Size(max = 50) String phone,
			@NotNull Integer version) {
	}

	record PasswordReset(@NotNull @Size(min = OrganisationAdministration.MIN_PASSWORD_LENGTH, max = 200) String password) {
	}
}
