package org.xinfang.supervision.web;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.Reminders;
import org.xinfang.supervision.Reminders.NewReminder;
import org.xinfang.supervision.Reminders.Reminder;

/**
 * Reminders (提醒, DOMAIN §6); the rules are on {@link Reminders}.
 * <ul>
 * <li>{@code POST /api/v1/reminders} {@code {unitCode, kind: GENERAL|IMPORTANT, reason, matterIds, assignmentId,
 * respondBy}}: supervisors (403 otherwise); 201. A general reminder is texted to the unit's officials (422
 * {@code no-sms-recipient} when none has a phone); an important one is a numbered letter (PDF).
 * <li>{@code GET /api/v1/reminders?unit=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD}: the reminders of the unit's subtree.
 * <li>{@code GET /api/v1/reminders/{reminderId}}; {@code GET /api/v1/reminders/{reminderId}/letter.pdf}.
 * <li>{@code POST /api/v1/reminders/{reminderId}/acknowledge} and {@code POST …/response} {@code {response}}: the
 * unit's unit heads, leaders and handlers; 409 {@code illegal-transition} when already done.
 * </ul>
 */
@RestController
class ReminderApi {

	private final Reminders reminders;

	ReminderApi(Reminders reminders) {
		this.reminders = reminders;
	}

	@PostMapping("/api/v1/reminders")
	ResponseEntity<Reminder> remind(@RequestBody NewReminder body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(reminders.remind(body));
	}

	@GetMapping("/api/v1/reminders")
	List<Reminder> list(@RequestParam(required = false) String unit,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return reminders.list(unit, from, to);
	}

	@GetMapping("/api/v1/reminders/{reminderId}")
	Reminder find(@PathVariable long reminderId) {
		return reminders.find(reminderId).orElseThrow(() -> DomainException.notFound("Reminder"));
	}

	@PostMapping("/api/v1/reminders/{reminderId}/acknowledge")
	Reminder acknowledge(@PathVariable long reminderId) {
		return reminders.acknowledge(reminderId);
	}

	@PostMapping("/api/v1/reminders/{reminderId}/response")
	Reminder respond(@PathVariable long reminderId, @RequestBody ResponseBody body) {
		return reminders.respond(reminderId, body.response());
	}

	@GetMapping("/api/v1/reminders/{reminderId}/letter.pdf")
	ResponseEntity<byte[]> letter(@PathVariable long reminderId) {
		Reminder r = find(reminderId);
		byte[] pdf = reminders.letter(reminderId).orElseThrow(() -> DomainException.notFound("Reminder letter"));
		return MeasurePdfs.inline(pdf, "督办提醒函-" + r.number());
	}

	record ResponseBody(String response) {
	}
}
