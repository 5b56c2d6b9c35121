package org.xinfang.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.organisation.Unit;
import org.xinfang.supervision.internal.JdbcIndicators.GroupingSet;
import org.xinfang.supervision.internal.JdbcIndicators.Row;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The read model of settled months (V30) gives exactly the figures the live statement gives, after every kind of
 * change to a month's inputs made after the month was built (each change is checked to have moved a figure, so a
 * read model that missed it would fail), as the days pass an evaluation window, and with a writer in flight while a
 * month is first built.
 */
@XinfangTest
class IndicatorMonthsTests {

	@Autowired
	JdbcIndicators indicators;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	Unit bureau;

	Unit h1;

	Unit h2;

	LocalDate month;

	LocalDate monthEnd;

	LocalDate today;

	long received;

	long delivered;

	long open;

	/** A bureau with two hospitals and three matters around a month long past (a month of its own per test). */
	void given(LocalDate first) {
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		h1 = fixtures.hospitalUnder(bureau);
		h2 = fixtures.hospitalUnder(bureau);
		month = first;
		monthEnd = month.withDayOfMonth(month.lengthOfMonth());
		today = monthEnd.plusDays(10);
		received = matter(h1, "ONLINE", month.plusDays(2));
		deadline(received, "ACCEPTANCE", month.plusDays(17), month.plusDays(9));
		deadline(received, "HANDLING", month.plusMonths(2), null);
		delivered = matter(h2, "LETTER", month.minusMonths(1));
		deadline(delivered, "HANDLING", month.plusDays(20), month.plusDays(18));
		// delivered in the month, not evaluated, its evaluation window open until 20 days after the build day
		deliver(delivered, month.plusDays(18), today.plusDays(20));
		open = matter(h2, "VISIT", month.minusMonths(2));
		deadline(open, "HANDLING", month.plusDays(11), null);
	}

	@Test
	void everyChangeToAMonthAfterItsBuildIsSeenAsTheLiveStatementSeesIt() {
		given(LocalDate.of(2011, 3, 1));
		List<Row> before = sameAsLive(today);
		assertThat(total(before).received()).isEqualTo(1);
		assertThat(built()).isTrue();
		// a second read of an unchanged month is the read model's
		sameAsLive(today);

		// the petitioner evaluates the reply
		List<Row> last = change("UPDATE matter SET evaluation_rating = 'SATISFIED' WHERE id = " + delivered, before);
		assertThat(total(last).satisfied()).isEqualTo(1);
		// the petitioner asks for a review
		last = change("INSERT INTO matter_review (matter_id, level, reason, requested_at) VALUES (" + delivered
				+ ", 'REVIEW', '不服', now())", last);
		assertThat(total(last).resolvedAtUnitLevel()).isZero();
		jdbc.sql("DELETE FROM matter_review WHERE matter_id = :id").param("id", delivered).update();
		last = sameAsLive(today);
		// the petitioner comes back months later with a new matter repeating the delivered one
		long later = matter(h1, "LETTER", today.plusDays(40));
		last = change("UPDATE matter SET repeat_of_id = " + delivered + " WHERE id = " + later, last);
		assertThat(total(last).resolvedWithoutRepeat()).isZero();
		// the open handling period is met late, after the month
		last = change("UPDATE matter_deadline SET met_on = '" + today + "' WHERE matter_id = " + open
				+ " AND rule_code = 'HANDLING'", last);
		assertThat(total(last).openOverdue()).isZero();
		// the matter received in the month moves to the other hospital
		last = change("UPDATE matter SET handling_unit_id = " + h2.id() + " WHERE id = " + received, last);
		assertThat(slice(last, h2).received()).isEqualTo(1);
		// its category and channel are corrected
		last = change("UPDATE matter SET channel = 'LETTER', category_code = 'CHARGES' WHERE id = " + received, last);
		assertThat(total(last).online()).isZero();
		// its acceptance period turns out to have been met late
		last = change("UPDATE matter_deadline SET met_on = '" + month.plusDays(25) + "' WHERE matter_id = " + received
				+ " AND rule_code = 'ACCEPTANCE'", last);
		assertThat(total(last).acceptedInTime()).isZero();
		// it was received a month earlier than registered
		last = change("UPDATE matter SET received_on = '" + month.minusMonths(1) + "' WHERE id = " + received, last);
		assertThat(total(last).received()).isZero();
	}

	@Test
	void anOpenEvaluationWindowIsCountedOnceTheDaysPassIt() {
		given(LocalDate.of(2012, 5, 1));
		jdbc.sql("UPDATE matter SET evaluation_rating = NULL WHERE id = :id").param("id", delivered).update();
		LocalDate window = jdbc.sql("""
				SELECT due_date FROM matter_deadline WHERE matter_id = :id AND rule_code = 'EVALUATION_WINDOW'""")
			.param("id", delivered)
			.query(LocalDate.class)
			.single();
		List<Row> open = sameAsLive(today);
		assertThat(total(open).evaluable()).isZero();
		// still open on its last day, read from the model built before
		assertThat(sameAsLive(window)).isEqualTo(open);
		List<Row> closed = sameAsLive(window.plusDays(1));
		assertThat(total(closed).evaluable()).isEqualTo(1);
		// and back to a day before it closed (a clock set back): the figures of that day again
		assertThat(sameAsLive(today)).isEqualTo(open);
		// the window's end moved by a correction
		jdbc.sql("UPDATE matter_deadline SET due_date = :d WHERE matter_id = :id AND rule_code = 'EVALUATION_WINDOW'")
			.param("d", today.minusDays(1))
			.param("id", delivered)
			.update();
		assertThat(total(sameAsLive(today)).evaluable()).isEqualTo(1);
	}

	@Test
	void aWriterInFlightWhileTheMonthIsFirstBuiltIsWaitedFor() throws Exception {
		given(LocalDate.of(2013, 7, 1));
		// the read model is a cache: a month of an earlier run on the same database is dropped
		jdbc.sql("DELETE FROM indicator_month WHERE month = :m").param("m", month).update();
		assertThat(jdbc.sql("SELECT count(*) FROM indicator_month WHERE month = :m").param("m", month)
			.query(Long.class)
			.single()).isZero();
		try (Connection writer = dataSource.getConnection()) {
			writer.setAutoCommit(false);
			// the writer's trigger runs before the month has a generation row, so it bumps nothing
			try (PreparedStatement p = writer.prepareStatement(
					"UPDATE matter SET evaluation_rating = 'DISSATISFIED' WHERE id = ?")) {
				p.setLong(1, delivered);
				p.executeUpdate();
			}
			// the builder waits for it (up to its lock timeout) instead of caching figures without its change
			assertThat(indicators.fromSettledMonths(bureau.path(), month, monthEnd, today)).isEmpty();
			writer.commit();
		}
		List<Row> after = sameAsLive(today);
		assertThat(total(after).dissatisfied()).isEqualTo(1);
	}

	/** Applies a change, checks that it moved a figure and that the read model follows it. */
	private List<Row> change(String sql, List<Row> before) {
		jdbc.sql(sql).update();
		assertThat(built()).as("the change invalidates the month: %s", sql).isFalse();
		List<Row> after = sameAsLive(today);
		assertThat(after).as("the change moves a figure: %s", sql).isNotEqualTo(before);
		return after;
	}

	/** The month from the read model (built when needed), checked against the live statement; the figures. */
	private List<Row> sameAsLive(LocalDate day) {
		Optional<List<Row>> model = indicators.fromSettledMonths(bureau.path(), month, monthEnd, day);
		List<Row> live = indicators.live(bureau.path(), month, monthEnd, day);
		assertThat(model).isPresent();
		assertThat(model.get()).containsExactlyInAnyOrderElementsOf(live);
		return live.stream().sorted(java.util.Comparator.comparing(Row::toString)).toList();
	}

	private boolean built() {
		return jdbc.sql("SELECT coalesce(built_gen = gen, FALSE) FROM indicator_month WHERE month = :m")
			.param("m", month)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	private static org.xinfang.supervision.IndicatorReport.Counts total(List<Row> rows) {
		return rows.stream().filter(r -> r.set() == GroupingSet.TOTAL).findFirst().orElseThrow().counts();
	}

	private static org.xinfang.supervision.IndicatorReport.Counts slice(List<Row> rows, Unit unit) {
		return rows.stream()
			.filter(r -> r.set() == GroupingSet.UNIT && r.key().equals(String.valueOf(unit.id())))
			.findFirst()
			.orElseThrow()
			.counts();
	}

	private long matter(Unit handling, String channel, LocalDate on) {
		OffsetDateTime at = on.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
		String code = Fixtures.randomTrackingCode();
		return jdbc.sql("""
				INSERT INTO matter (tracking_code, query_secret_hash, channel, kind, status, title, content, category_code,
				                    receiving_unit_id, handling_unit_id, received_on, received_at, created_at, updated_at)
				VALUES (:code, repeat('0', 64), :channel, 'GRIEVANCE', 'IN_HANDLING', '指标测试', '指标测试',
				        'MEDICAL_QUALITY', :receiving, :handling, :on, :at, :at, :at)
				RETURNING id""")
			.param("code", code)
			.param("channel", channel)
			.param("receiving", bureau.id())
			.param("handling", handling.id())
			.param("on", on)
			.param("at", at)
			.query(Long.class)
			.single();
	}

	private void deadline(long matter, String rule, LocalDate due, LocalDate met) {
		jdbc.sql("INSERT INTO matter_deadline (matter_id, rule_code, due_date, met_on) VALUES (:m, :r, :d, :met)")
			.param("m", matter)
			.param("r", rule)
			.param("d", due)
			.param("met", met, java.sql.Types.DATE)
			.update();
	}

	private void deliver(long matter, LocalDate on, LocalDate window) {
		jdbc.sql("""
				UPDATE matter SET status = 'DELIVERED', delivery_method = 'POST', delivered_on = :on WHERE id = :id""")
			.param("on", on)
			.param("id", matter)
			.update();
		deadline(matter, "EVALUATION_WINDOW", window, null);
	}
}
