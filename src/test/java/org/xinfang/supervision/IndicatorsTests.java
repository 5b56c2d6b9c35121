package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The indicators of DOMAIN §8 against a hand-computed fixture (issue #6 item 1): eleven matters around a
 * bureau and its two hospitals, written as the lifecycle writes them, and the figures for March 2026 worked out
 * by hand below. Edge cases: a late acceptance, a period still running, a period that ended after the month, an
 * extended handling period met in time, a reply delivered late, an open overdue matter, a delivery whose
 * evaluation window is still open, a review, a repeat, a matter of another bureau.
 */
@XinfangTest
@Import(TimeTravel.class)
class IndicatorsTests {

	static final LocalDate TODAY = LocalDate.of(2026, 4, 10);

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	Unit commission;

	Unit bureau;

	Unit h1;

	Unit h2;

	StaffPrincipal supervisor;

	@BeforeEach
	void fixture() {
		clock.travelTo(TODAY);
		commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		h1 = fixtures.hospitalUnder(bureau);
		h2 = fixtures.hospitalUnder(bureau);
		Unit otherBureau = fixtures.bureauUnder(commission);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);

		// M1: accepted in time; its handling period runs to May
		long m1 = matter(h1, "LETTER", "2026-03-02");
		deadline(m1, "ACCEPTANCE", "2026-03-17", "2026-03-10");
		deadline(m1, "HANDLING", "2026-05-09", null);
		// M2: online, accepted five days late
		long m2 = matter(h1, "ONLINE", "2026-03-05");
		deadline(m2, "ACCEPTANCE", "2026-03-20", "2026-03-25");
		// M3: February's matter, delivered in time on 18 March, evaluated satisfied
		long m3 = matter(h2, "PHONE", "2026-02-01");
		deadline(m3, "ACCEPTANCE", "2026-02-16", "2026-02-10");
		deadline(m3, "HANDLING", "2026-03-20", "2026-03-18");
		delivered(m3, "2026-03-18", "2026-04-17", "SATISFIED");
		// M4: handling period ran out on 12 March, still open
		long m4 = matter(h2, "VISIT", "2026-01-10");
		deadline(m4, "HANDLING", "2026-03-12", null);
		// M5: extended to 30 March and delivered on the 28th; evaluation window still open; review requested
		long m5 = matter(h1, "LETTER", "2026-01-05");
		deadline(m5, "HANDLING", "2026-03-30", "2026-03-28");
		jdbc.sql("UPDATE matter SET extension_state = 'APPROVED', extension_days = 30 WHERE id = :id").param("id", m5).update();
		delivered(m5, "2026-03-28", "2026-04-27", null);
		jdbc.sql("""
				INSERT INTO matter_review (matter_id, level, reason, requested_at) VALUES (:id, 'REVIEW', '不服', :at)
				""").param("id", m5).param("at", OffsetDateTime.of(2026, 4, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8))).update();
		// M6: online, delivered late on 8 March; its evaluation window has passed unused; the petitioner came back
		long m6 = matter(h2, "ONLINE", "2026-01-03");
		deadline(m6, "HANDLING", "2026-03-05", "2026-03-08");
		delivered(m6, "2026-03-08", "2026-04-07", null);
		jdbc.sql("UPDATE matter SET repeat_count = 1 WHERE id = :id").param("id", m6).update();
		// M7: registered by the bureau itself, online, repeating M6
		long m7 = matter(null, "ONLINE", "2026-03-15");
		jdbc.sql("UPDATE matter SET receiving_unit_id = :b, repeat_of_id = :m6 WHERE id = :id")
			.param("b", bureau.id()).param("m6", m6).param("id", m7).update();
		// M8: another bureau's matter
		matter(otherBureau, "LETTER", "2026-03-10");
		// M9: acceptance period ran out on 4 April, after the month
		long m9 = matter(h1, "LETTER", "2026-03-20");
		deadline(m9, "ACCEPTANCE", "2026-04-04", null);
		// M10: acceptance period still running
		long m10 = matter(h1, "LETTER", "2026-03-31");
		deadline(m10, "ACCEPTANCE", "2026-04-20", null);
		// M11: delivered in time on 10 March, evaluated dissatisfied
		long m11 = matter(h2, "LETTER", "2026-01-20");
		deadline(m11, "HANDLING", "2026-03-25", "2026-03-10");
		delivered(m11, "2026-03-10", "2026-04-09", "DISSATISFIED");
	}

	@Test
	void marchFiguresOfTheBureauMatchTheHandComputation() {
		Map<String, Object> r = get("/api/v1/indicators?unit=" + bureau.code() + "&from=2026-03-01&to=2026-03-31");

		assertThat(r.get("unit")).isEqualTo(Map.of("code", bureau.code(), "name", bureau.name()));
		assertThat(r.get("from")).isEqualTo("2026-03-01");
		assertThat(r.get("to")).isEqualTo("2026-03-31");
		// received M1 M2 M7 M9 M10; online M2 M7; repeated M7
		// acceptance settled in March: M1 in time, M2 late (M9 ran out in April, M10 still running)
		// handling settled in March: M3, M5 (extended), M11 in time; M6 late; M4 open and overdue
		// delivered M3 M5 M6 M11; evaluable M3 M11 (evaluated) and M6 (window passed); M5's window is open
		assertThat(r.get("counts")).isEqualTo(counts(5, 2, 1, 2, 1, 5, 3, 1, 4, 3, 2, 1, 0, 1, 2, 3));
		assertThat(r.get("timelyAcceptanceRate")).isEqualTo(0.5);
		assertThat(r.get("onTimeCompletionRate")).isEqualTo(0.6);
		assertThat((Double) r.get("participationRate")).isEqualTo(2.0 / 3);
		assertThat(r.get("satisfactionRate")).isEqualTo(0.5);
		assertThat(r.get("repeatRate")).isEqualTo(0.2);
		// M3 and M11; M5 went to review, M6 was raised again
		assertThat(r.get("resolvedWithoutRepeatRate")).isEqualTo(0.5);
		// all but M5
		assertThat(r.get("resolvedAtUnitLevelRate")).isEqualTo(0.75);
		assertThat(r.get("onlineShare")).isEqualTo(0.4);
		assertThat(r).doesNotContainKeys("byUnit", "byCategory", "byChannel");
	}

	@Test
	void breakdownsByUnitAndChannelSplitTheSameMatters() {
		Map<String, Object> r = get("/api/v1/indicators?unit=" + bureau.code() + "&period=2026-03&breakdown=unit,channel");
		assertThat(r.get("from")).isEqualTo("2026-03-01");
		assertThat(r.get("to")).isEqualTo("2026-03-31");

		List<?> byUnit = (List<?>) r.get("byUnit");
		assertThat(byUnit).extracting(s -> (Object) ((Map<?, ?>) s).get("key")).containsExactly(bureau.code(), h1.code(), h2.code());
		Map<String, Object> own = (Map<String, Object>) byUnit.get(0);
		assertThat(own.get("counts")).isEqualTo(counts(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
		assertThat(own.get("timelyAcceptanceRate")).isNull();
		Map<String, Object> first = (Map<String, Object>) byUnit.get(1);
		assertThat(first.get("label")).isEqualTo(h1.name());
		assertThat(first.get("counts")).isEqualTo(counts(4, 1, 0, 2, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0));
		assertThat(first.get("participationRate")).isNull();
		Map<String, Object> second = (Map<String, Object>) byUnit.get(2);
		assertThat(second.get("counts")).isEqualTo(counts(0, 0, 0, 0, 0, 4, 2, 1, 3, 3, 2, 1, 0, 1, 2, 3));
		assertThat(second.get("onTimeCompletionRate")).isEqualTo(0.5);
		assertThat(second.get("repeatRate")).isNull();

		List<?> byChannel = (List<?>) r.get("byChannel");
		assertThat(byChannel).extracting(s -> (Object) ((Map<?, ?>) s).get("key"))
			.containsExactly("LETTER", "ONLINE", "PHONE", "VISIT");
		Map<String, Object> online = (Map<String, Object>) byChannel.get(1);
		assertThat(online.get("label")).isEqualTo("网上信访");
		// M2 and M7 received; M2 late; M6 delivered late, window passed, raised again
		assertThat(online.get("counts")).isEqualTo(counts(2, 2, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1));
	}

	@Test
	void onlySupervisingRolesWithinTheirSubtreeAndValidParameters() {
		StaffPrincipal handler = fixtures.user(bureau, Role.HANDLER);
		status(handler, "/api/v1/indicators?unit=" + bureau.code() + "&period=2026", 403);
		// the commission above is outside the bureau supervisor's subtree: answered like an unknown unit
		status(supervisor, "/api/v1/indicators?unit=" + commission.code() + "&period=2026", 404);
		Map<String, Object> bad = status(supervisor, "/api/v1/indicators?unit=" + bureau.code() + "&from=2026-13-01&breakdown=x", 400);
		assertThat((List<?>) bad.get("errors")).extracting(e -> (Object) ((Map<?, ?>) e).get("field"))
			.containsExactlyInAnyOrder("from", "to", "breakdown");
		assertThat(status(supervisor, "/api/v1/indicators?unit=" + bureau.code() + "&period=2026-H3", 400)
			.get("errors").toString()).contains("period");
		assertThat(status(supervisor, "/api/v1/indicators?unit=" + bureau.code() + "&from=2026-04-01&to=2026-03-01", 400)
			.get("errors").toString()).contains("to");

		// a half-year and a year include March; a period with no matters has null rates, not zeros
		assertThat(((Map<String, Object>) get("/api/v1/indicators?unit=" + h2.code() + "&period=2026-H1").get("counts"))
			.get("completionDue")).isEqualTo(4);
		Map<String, Object> empty = get("/api/v1/indicators?unit=" + h2.code() + "&period=2025");
		assertThat(empty.get("onTimeCompletionRate")).isNull();
		assertThat(empty).containsKey("onTimeCompletionRate");
	}

	private Map<String, Object> get(String uri) {
		return status(supervisor, uri, 200);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> status(StaffPrincipal user, String uri, int status) {
		return (Map<String, Object>) http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Integer> counts(int received, int online, int repeated, int acceptanceDue,
			int acceptedInTime, int completionDue, int completedInTime, int openOverdue, int delivered, int evaluable,
			int evaluated, int satisfied, int basicallySatisfied, int dissatisfied, int resolvedWithoutRepeat,
			int resolvedAtUnitLevel) {
		Map<String, Integer> m = new java.util.LinkedHashMap<>();
		m.put("received", received);
		m.put("online", online);
		m.put("repeated", repeated);
		m.put("acceptanceDue", acceptanceDue);
		m.put("acceptedInTime", acceptedInTime);
		m.put("completionDue", completionDue);
		m.put("completedInTime", completedInTime);
		m.put("openOverdue", openOverdue);
		m.put("delivered", delivered);
		m.put("evaluable", evaluable);
		m.put("evaluated", evaluated);
		m.put("satisfied", satisfied);
		m.put("basicallySatisfied", basicallySatisfied);
		m.put("dissatisfied", dissatisfied);
		m.put("resolvedWithoutRepeat", resolvedWithoutRepeat);
		m.put("resolvedAtUnitLevel", resolvedAtUnitLevel);
		return m;
	}

	/** A registered matter of the hospital (its handling unit) received through the bureau; null: the bureau's. */
	private long matter(Unit handling, String channel, String receivedOn) {
		LocalDate on = LocalDate.parse(receivedOn);
		OffsetDateTime at = on.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
		String code = Fixtures.randomTrackingCode();
		Unit receiving = handling == null ? null : handling.parentId() == null ? handling : unitById(handling.parentId());
		return jdbc.sql("""
				INSERT INTO matter (tracking_code, query_secret_hash, channel, kind, status, title, content, category_code,
				                    receiving_unit_id, handling_unit_id, received_on, received_at, created_at, updated_at)
				VALUES (:code, repeat('0', 64), :channel, 'GRIEVANCE', :status, '指标测试', '指标测试', 'MEDICAL_QUALITY',
				        :receiving, :handling, :on, :at, :at, :at)
				RETURNING id""")
			.param("code", code)
			.param("channel", channel)
			.param("status", handling == null ? "REGISTERED" : "IN_HANDLING")
			.param("receiving", receiving == null ? bureau.id() : receiving.id())
			.param("handling", handling == null ? null : handling.id(), java.sql.Types.BIGINT)
			.param("on", on)
			.param("at", at)
			.query(Long.class)
			.single();
	}

	private Unit unitById(long id) {
		return id == bureau.id() ? bureau : commission;
	}

	private void deadline(long matter, String rule, String due, String met) {
		jdbc.sql("INSERT INTO matter_deadline (matter_id, rule_code, due_date, met_on) VALUES (:m, :r, :d, :met)")
			.param("m", matter)
			.param("r", rule)
			.param("d", LocalDate.parse(due))
			.param("met", met == null ? null : LocalDate.parse(met), java.sql.Types.DATE)
			.update();
	}

	/** Delivered on that day, the evaluation window open until {@code window}, evaluated or not. */
	private void delivered(long matter, String on, String window, String rating) {
		jdbc.sql("""
				UPDATE matter SET status = 'DELIVERED', delivery_method = 'POST', delivered_on = :on,
				       evaluation_rating = :rating, evaluated_at = CASE WHEN :rating IS NULL THEN NULL ELSE :at END
				WHERE id = :id""")
			.param("on", LocalDate.parse(on))
			.param("rating", rating, java.sql.Types.VARCHAR)
			.param("at", OffsetDateTime.of(2026, 4, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)))
			.param("id", matter)
			.update();
		deadline(matter, "EVALUATION_WINDOW", window, rating == null ? null : "2026-04-01");
	}
}
