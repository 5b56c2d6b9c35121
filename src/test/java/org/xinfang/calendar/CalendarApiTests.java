package org.xinfang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The calendar API against the seeded 2024–2026 data. Tests that edit the calendar work in the year 2199,
 * which no other test uses, and tests that edit a rule put it back, because all tests share one database.
 */
@XinfangTest
class CalendarApiTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	@Test
	void dueDateAcrossTheSpringFestivalMovesToTheNextWorkingDay() {
		// 2026-02-01 + 15 = 02-16, inside the 02-15..02-23 holiday -> Tue 02-24
		dueDate("2026-02-01", "15", "CALENDAR_DAYS").isEqualTo("2026-02-24");
		// Fri 02-13, Sat 02-14 (make-up), [02-15..23], Tue 24, Wed 25, Thu 26
		dueDate("2026-02-12", "5", "WORKING_DAYS").isEqualTo("2026-02-26");
	}

	@Test
	void dueDateWithoutAuthenticationIsPublic() {
		// Tue 2025-09-30, [10-01..10-08], Thu 10-09 -> that is 2 working days
		dueDate("2025-09-29", "2", "WORKING_DAYS").isEqualTo("2025-10-09");
	}

	@Test
	void missingAndMalformedParametersAre400NamingEachField() {
		http.get().uri("/api/v1/calendar/due-date?start=2026-02-30&unit=YEARS")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://xinfang.org/problems/invalid-fields")
			.jsonPath("$.errors[0].field").isEqualTo("start")
			.jsonPath("$.errors[1].field").isEqualTo("amount")
			.jsonPath("$.errors[2].field").isEqualTo("unit");
		http.get().uri("/api/v1/calendar/due-date?start=2026-02-01&amount=0&unit=CALENDAR_DAYS")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("amount");
	}

	@Test
	void periodReachingAYearWithoutDataIs422() {
		// 2026-12-20 + 15 = 2027-01-04; 2027 has no official data
		http.get().uri("/api/v1/calendar/due-date?start=2026-12-20&amount=15&unit=CALENDAR_DAYS")
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://xinfang.org/problems/calendar-data-missing")
			.jsonPath("$.year").isEqualTo(2027);
	}

	@Test
	void yearListsItsHolidaysAndMakeUpDays() {
		http.get().uri("/api/v1/calendar/years/2026")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.complete").isEqualTo(true)
			.jsonPath("$.days[?(@.day == '2026-02-14')].kind").isEqualTo("MAKEUP_WORKDAY")
			.jsonPath("$.days[?(@.day == '2026-02-23')].kind").isEqualTo("HOLIDAY")
			.jsonPath("$.days[?(@.day == '2026-10-10')].kind").isEqualTo("MAKEUP_WORKDAY")
			.jsonPath("$.days.length()").isEqualTo(33 + 6);
		http.get().uri("/api/v1/calendar/years/2027")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.complete").isEqualTo(false)
			.jsonPath("$.days.length()").isEqualTo(0);
	}

	@Test
	void rulesListTheDefaultsOfTheRegulation() {
		http.get().uri("/api/v1/calendar/rules")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[?(@.code == 'RETURN_BY_UNIT')].unit").isEqualTo("WORKING_DAYS")
			.jsonPath("$[?(@.code == 'RETURN_BY_UNIT')].amount").isEqualTo(5)
			.jsonPath("$[?(@.code == 'HANDLING')].amount").isEqualTo(60)
			// the ten periods of the Regulation, and the four of the supervision measures (V20: special
			// assignments' 5/15/30 working days, the reminder letter's response)
			.jsonPath("$.length()").isEqualTo(14);
	}

	@Test
	void adminEditIsAuditedAndChangesTheNextAnswer() {
		StaffPrincipal admin = fixtures.user(fixtures.commission(), Role.ADMIN);
		// 2199 has no data until marked complete
		dueDate("2199-03-04", "1", "CALENDAR_DAYS").isEqualTo(null);
		put(admin, "/api/v1/calendar/years/2199", Map.of("complete", true, "note", "test year"))
			.expectStatus().isOk();
		// 2199-03-04 is a Monday: + 1 = Tue 03-05
		dueDate("2199-03-04", "1", "CALENDAR_DAYS").isEqualTo("2199-03-05");

		put(admin, "/api/v1/calendar/days/2199-03-05", Map.of("kind", "HOLIDAY", "nameZh", "测试节"))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.kind").isEqualTo("HOLIDAY");
		dueDate("2199-03-04", "1", "CALENDAR_DAYS").isEqualTo("2199-03-06");
		// Fri 03-08 + 1 working day = Mon 03-11; Sat 03-09 as a make-up day makes it 03-09
		put(admin, "/api/v1/calendar/days/2199-03-09", Map.of("kind", "MAKEUP_WORKDAY")).expectStatus().isOk();
		dueDate("2199-03-08", "1", "WORKING_DAYS").isEqualTo("2199-03-09");

		http.delete().uri("/api/v1/calendar/days/2199-03-05")
			.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isNoContent();
		dueDate("2199-03-04", "1", "CALENDAR_DAYS").isEqualTo("2199-03-05");

		assertThat(auditTrail.forEntity("calendar_day", "2199-03-05"))
			.extracting(AuditTrail.Entry::action, AuditTrail.Entry::actor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("CALENDAR_DAY_ADDED", admin.username()),
					org.assertj.core.groups.Tuple.tuple("CALENDAR_DAY_DELETED", admin.username()));
		assertThat(auditTrail.forEntity("calendar_year", 2199)).extracting(AuditTrail.Entry::action)
			.containsExactly("CALENDAR_YEAR_COMPLETE");
	}

	@Test
	void makeUpDayOnAWeekdayIsRefused() {
		StaffPrincipal admin = fixtures.user(fixtures.commission(), Role.ADMIN);
		// 2199-03-06 is a Wednesday
		put(admin, "/api/v1/calendar/days/2199-03-06", Map.of("kind", "MAKEUP_WORKDAY"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://xinfang.org/problems/calendar-makeup-not-weekend");
	}

	@Test
	void adminRuleEditIsAuditedAndUsedByTheNextComputation() {
		StaffPrincipal admin = fixtures.user(fixtures.commission(), Role.ADMIN);
		try {
			put(admin, "/api/v1/calendar/rules/EVALUATION_WINDOW", Map.of("amount", 10, "unit", "WORKING_DAYS"))
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.amount").isEqualTo(10)
				.jsonPath("$.unit").isEqualTo("WORKING_DAYS");
			http.get().uri("/api/v1/calendar/rules")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.code == 'EVALUATION_WINDOW')].amount").isEqualTo(10);
			assertThat(auditTrail.forEntity("period_rule", "EVALUATION_WINDOW")).extracting(AuditTrail.Entry::action)
				.contains("PERIOD_RULE_CHANGED");
		}
		finally {
			put(admin, "/api/v1/calendar/rules/EVALUATION_WINDOW", Map.of("amount", 30, "unit", "CALENDAR_DAYS"))
				.expectStatus().isOk();
		}
		put(admin, "/api/v1/calendar/rules/EVALUATION_WINDOW", Map.of("amount", 0, "unit", "CALENDAR_DAYS"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("amount");
		put(admin, "/api/v1/calendar/rules/NO_SUCH_RULE", Map.of("amount", 3, "unit", "CALENDAR_DAYS"))
			.expectStatus().isNotFound();
	}

	@Test
	void nonAdminEditIs403AndAnonymousEditIs401() {
		StaffPrincipal handler = fixtures.user(fixtures.commission(), Role.HANDLER, Role.SUPERVISOR);
		put(handler, "/api/v1/calendar/days/2026-03-02", Map.of("kind", "HOLIDAY")).expectStatus().isForbidden();
		put(handler, "/api/v1/calendar/rules/HANDLING", Map.of("amount", 1, "unit", "CALENDAR_DAYS"))
			.expectStatus().isForbidden();
		http.delete().uri("/api/v1/calendar/days/2026-02-16")
			.headers(h -> h.setBasicAuth(handler.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isForbidden();
		http.put().uri("/api/v1/calendar/days/2026-03-02")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "HOLIDAY"))
			.exchange()
			.expectStatus().isUnauthorized();
		dueDate("2026-03-01", "1", "CALENDAR_DAYS").isEqualTo("2026-03-02");
	}

	/** Asserts the due date; {@code null} expects the 422 "no calendar data" problem. */
	private DueDateAssert dueDate(String start, String amount, String unit) {
		return expected -> {
			RestTestClient.ResponseSpec response = http.get()
				.uri("/api/v1/calendar/due-date?start={s}&amount={a}&unit={u}", start, amount, unit)
				.exchange();
			if (expected == null) {
				response.expectStatus().isEqualTo(422);
			}
			else {
				response.expectStatus().isOk().expectBody().jsonPath("$.dueDate").isEqualTo(expected);
			}
		};
	}

	private RestTestClient.ResponseSpec put(StaffPrincipal user, String uri, Object body) {
		return http.put().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	@FunctionalInterface
	interface DueDateAssert {

		void isEqualTo(String expected);
	}
}
