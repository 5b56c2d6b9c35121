package org.xinfang.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;

/**
 * A bureau with three hospitals and matters whose triage deadline (15 days from receipt) is overdue or due soon
 * on {@link #TODAY}, registered through the API at the time of their receipt:
 * <ul>
 * <li>hospital A: 3 matters received 2 March (due 17 March): overdue;
 * <li>hospital B: 1 received 2 March (overdue) and 2 received 16 March (due 31 March): due soon;
 * <li>hospital C: none;
 * <li>the bureau itself: 1 received 2 March (overdue), in the bureau's total only.
 * </ul>
 * So on 30 March the bureau has 5 overdue and 2 due soon; A 3 / 0, B 1 / 2, C 0 / 0.
 */
final class DashboardFixture {

	static final LocalDate EARLY = LocalDate.of(2026, 3, 2);

	static final LocalDate LATE = LocalDate.of(2026, 3, 16);

	/** A Monday: 17 March is long past, 31 March is tomorrow (within the 3 days of "due soon"). */
	static final LocalDate TODAY = LocalDate.of(2026, 3, 30);

	final Unit commission;

	final Unit bureau;

	final Unit hospitalA;

	final Unit hospitalB;

	final Unit hospitalC;

	final StaffPrincipal supervisor;

	final StaffPrincipal leader;

	final StaffPrincipal handler;

	final StaffPrincipal outsideSupervisor;

	final List<Long> matters = new ArrayList<>();

	private final RestTestClient http;

	DashboardFixture(Fixtures fixtures, RestTestClient http, TimeTravel.MutableClock clock) {
		this.http = http;
		commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospitalA = fixtures.hospitalUnder(bureau);
		hospitalB = fixtures.hospitalUnder(bureau);
		hospitalC = fixtures.hospitalUnder(bureau);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		leader = fixtures.user(bureau, Role.LEADER);
		handler = fixtures.user(bureau, Role.HANDLER);
		outsideSupervisor = fixtures.user(fixtures.bureauUnder(commission), Role.SUPERVISOR);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		clock.travelTo(EARLY);
		for (int i = 0; i < 3; i++) {
			matters.add(register(registrar, hospitalA, EARLY));
		}
		matters.add(register(registrar, hospitalB, EARLY));
		matters.add(register(registrar, bureau, EARLY));
		clock.travelTo(LATE);
		matters.add(register(registrar, hospitalB, LATE));
		matters.add(register(registrar, hospitalB, LATE));
		clock.travelTo(TODAY);
	}

	private long register(StaffPrincipal registrar, Unit concerned, LocalDate receivedOn) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", "GRIEVANCE");
		body.put("title", "反映医院服务问题");
		body.put("content", "就诊时服务态度差，请求核查处理。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", List.of(Map.of("name", "赵六")));
		body.put("receivedOn", receivedOn.toString());
		Map<?, ?> answer = http.post()
			.uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) answer.get("id")).longValue();
	}

	/** Marks the matter key with the bureau's leader as owner, through the API. */
	void markKey(long matter) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("supervisingLevel", "PROVINCE");
		body.put("leaderUsername", leader.username());
		body.put("team", List.of());
		body.put("plan", "包案领导牵头核查，限期化解。");
		http.put()
			.uri("/api/v1/matters/" + matter + "/key")
			.headers(h -> h.setBasicAuth(supervisor.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isOk();
	}
}
