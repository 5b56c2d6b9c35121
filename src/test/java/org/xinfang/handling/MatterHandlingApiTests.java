package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.handling.MatterFlow.due;
import static org.xinfang.handling.MatterFlow.list;
import static org.xinfang.handling.MatterFlow.metOn;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.calendar.DueDates;
import org.xinfang.handling.internal.OverdueNotices;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
@Import(TimeTravel.class)
class MatterHandlingApiTests {

	/** A Monday in 2026, so every period of the path stays within the shipped holiday calendar. */
	static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	DueDates dueDates;

	@Autowired
	OverdueNotices overdueNotices;

	@Autowired
	JdbcClient jdbc;

	MatterFlow flow;

	Unit commission;

	Unit bureau;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	StaffPrincipal reviewer;

	StaffPrincipal rereviewer;

	@BeforeEach
	void organisation() {
		clock.travelTo(TODAY);
		flow = new MatterFlow(http);
		commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
		reviewer = fixtures.user(bureau, Role.REVIEWER);
		rereviewer = fixtures.user(commission, Role.REVIEWER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GRIEVANCE", "PROPOSAL", "REPORT" })
	void fullPathFromRegistrationToReviewDecision(String kind) {
		MatterFlow.Registered m = flow.register(registrar, kind, hospital, null);
		long id = m.id();

		Map<?, ?> assigned = flow.act(registrar, id, "ASSIGN", Map.of("unitCode", hospital.code()));
		assertThat(assigned.get("status")).isEqualTo("ASSIGNED");
		assertThat(metOn(assigned, "TRIAGE")).isEqualTo(TODAY.toString());
		assertThat(due(assigned, "RETURN_BY_UNIT")).isEqualTo(dueDates.dueDate("RETURN_BY_UNIT", TODAY).toString());
		assertThat(due(assigned, "ACCEPTANCE")).isEqualTo(dueDates.dueDate("ACCEPTANCE", TODAY).toString());
		assertThat(flow.matter(head, id).get("allowedActions"))
			.isEqualTo(List.of("RETURN", "ACCEPT", "REJECT", "REJECT_FINAL"));

		Map<?, ?> accepted = flow.act(head, id, "ACCEPT", null);
		assertThat(accepted.get("status")).isEqualTo("ACCEPTED");
		assertThat(due(accepted, "HANDLING")).isEqualTo(dueDates.dueDate("HANDLING", TODAY).toString());

		assertThat(flow.act(head, id, "ASSIGN_HANDLER", Map.of("username", handler.username())).get("status"))
			.isEqualTo("IN_HANDLING");
		assertThat(flow.matter(handler, id).get("allowedActions"))
			.isEqualTo(List.of("ADD_PROGRESS", "REQUEST_EXTENSION", "DRAFT_REPLY"));
		flow.act(handler, id, "ADD_PROGRESS", Map.of("note", "已约见信访人核实情况", "checklist", List.of("PERSONS", "CLAIMS")));
		assertThat(flow.act(handler, id, "DRAFT_REPLY", Map.of("outcome", "PARTLY_SUPPORTED", "text", "经核查，部分诉求属实。"))
			.get("status")).isEqualTo("REPLY_DRAFTED");
		// the handler cannot approve their own draft
		flow.act(handler, id, "APPROVE_REPLY", null, 403);
		assertThat(flow.act(head, id, "APPROVE_REPLY", null).get("status")).isEqualTo("REPLY_APPROVED");

		Map<?, ?> delivered = flow.act(head, id, "DELIVER", Map.of("method", "PORTAL", "deliveredOn", TODAY.toString()));
		assertThat(delivered.get("status")).isEqualTo("DELIVERED");
		assertThat(metOn(delivered, "HANDLING")).isEqualTo(TODAY.toString());
		assertThat(due(delivered, "REVIEW_REQUEST")).isEqualTo(dueDates.dueDate("REVIEW_REQUEST", TODAY).toString());
		assertThat(due(delivered, "EVALUATION_WINDOW")).isNotNull();
		// the review window is open: not closable yet
		flow.act(head, id, "CLOSE", null, 409);

		Map<?, ?> status = flow.track(m);
		assertThat(status.get("allowedActions")).isEqualTo(List.of("EVALUATE", "REQUEST_REVIEW"));
		assertThat(status.get("handlingUnit")).isEqualTo(hospital.name());

		Map<?, ?> evaluated = flow.actAsPetitioner(m, "EVALUATE", Map.of("rating", "DISSATISFIED", "comment", "退费不全"), 200);
		assertThat(evaluated.get("allowedActions")).isEqualTo(List.of("REQUEST_REVIEW"));
		Map<?, ?> again = flow.actAsPetitioner(m, "EVALUATE", Map.of("rating", "SATISFIED"), 409);
		assertThat(again.get("type")).isEqualTo("https://xinfang.org/problems/already-evaluated");

		Map<?, ?> underReview = flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "对处理意见不服"), 200);
		assertThat(underReview.get("status")).isEqualTo("UNDER_REVIEW");
		// the next-higher body decides, not the handling unit
		flow.act(head, id, "DECIDE_REVIEW", Map.of("outcome", "UPHOLD", "text", "维持"), 403);
		flow.act(rereviewer, id, "DECIDE_REVIEW", Map.of("outcome", "UPHOLD", "text", "维持"), 200);
		Map<?, ?> decided = flow.matter(registrar, id);
		assertThat(decided.get("status")).isEqualTo("DELIVERED");
		assertThat(due(decided, "REREVIEW_REQUEST")).isEqualTo(dueDates.dueDate("REREVIEW_REQUEST", TODAY).toString());
		assertThat(flow.track(m).get("allowedActions")).isEqualTo(List.of("REQUEST_REREVIEW"));

		assertThat(list(flow.track(m).get("timeline"))).extracting(e -> (Object) ((Map<?, ?>) e).get("type"))
			.containsExactly("REGISTERED", "ASSIGN", "ACCEPT", "DELIVER", "EVALUATE", "REQUEST_REVIEW",
					"DECIDE_REVIEW");
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsExactly("MATTER_REGISTERED", "MATTER_ASSIGN", "MATTER_ACCEPT", "MATTER_ASSIGN_HANDLER",
					"MATTER_ADD_PROGRESS", "MATTER_DRAFT_REPLY", "MATTER_APPROVE_REPLY", "MATTER_DELIVER",
					"MATTER_EVALUATE", "MATTER_REQUEST_REVIEW", "MATTER_DECIDE_REVIEW");
	}

	@Test
	void reviewerOfTheBureauAboveTheHospitalDecidesThenTheCommissionDecidesTheRereviewToFinality() {
		MatterFlow.Registered m = handledAndDelivered();
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服"), 200);
		flow.act(reviewer, m.id(), "DECIDE_REVIEW", Map.of("outcome", "CHANGE", "text", "变更处理意见"));
		flow.actAsPetitioner(m, "REQUEST_REREVIEW", Map.of("reason", "仍不服"), 200);
		// the bureau decided the review, so the body above it decides the re-review
		flow.act(reviewer, m.id(), "DECIDE_REREVIEW", Map.of("outcome", "UPHOLD", "text", "维持"), 403);
		Map<?, ?> fin = flow.act(rereviewer, m.id(), "DECIDE_REREVIEW",
				Map.of("outcome", "UPHOLD", "text", "维持复查意见", "hearingNote", "2026年听证一次"));
		assertThat(fin.get("status")).isEqualTo("FINAL");
		assertThat(flow.act(registrar, m.id(), "CLOSE", null).get("status")).isEqualTo("CLOSED");
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "再次"), 409);
	}

	@Test
	void redoSendsTheMatterBackToTheHandler() {
		MatterFlow.Registered m = handledAndDelivered();
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服"), 200);
		Map<?, ?> redo = flow.act(reviewer, m.id(), "DECIDE_REVIEW", Map.of("outcome", "REDO", "text", "重新办理"));
		assertThat(redo.get("status")).isEqualTo("IN_HANDLING");
		assertThat(metOn(redo, "HANDLING")).isNull();
		assertThat(flow.matter(handler, m.id()).get("allowedActions")).asList().contains("DRAFT_REPLY");
	}

	@Test
	void extensionIsApprovedOnceByTheUnitHeadAndMovesTheHandlingDeadline() {
		MatterFlow.Registered m = inHandling();
		String before = due(flow.matter(head, m.id()), "HANDLING");
		flow.act(handler, m.id(), "REQUEST_EXTENSION", Map.of("days", 31, "reason", "需要鉴定"), 400);
		assertThat(flow.act(handler, m.id(), "REQUEST_EXTENSION", Map.of("days", 30, "reason", "需要医疗鉴定"))
			.get("status")).isEqualTo("EXTENSION_REQUESTED");
		flow.act(handler, m.id(), "APPROVE_EXTENSION", null, 403);
		Map<?, ?> approved = flow.act(head, m.id(), "APPROVE_EXTENSION", null);
		assertThat(approved.get("status")).isEqualTo("IN_HANDLING");
		assertThat(due(approved, "HANDLING"))
			.isEqualTo(dueDates.dueDate(LocalDate.parse(before), 30, dueDates.rule("EXTENSION_MAX").unit()).toString());
		// the reason is told to the petitioner
		assertThat(list(flow.track(m).get("timeline"))).extracting(e -> (Object) ((Map<?, ?>) e).get("note"))
			.contains("需要医疗鉴定");
		Map<?, ?> once = flow.act(handler, m.id(), "REQUEST_EXTENSION", Map.of("days", 5, "reason", "再延"), 409);
		assertThat(once.get("type")).isEqualTo("https://xinfang.org/problems/extension-already-used");
	}

	@Test
	void triageAlternativesEndTheMatterHereAndARedirectNeedsAnActiveLegalRoute() {
		long forwarded = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		assertThat(flow.act(registrar, forwarded, "FORWARD", Map.of("body", "县人社局", "reason", "属劳动保障事项"))
			.get("status")).isEqualTo("TRANSFERRED_OUT");
		long redirected = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		flow.act(registrar, redirected, "REDIRECT_LEGAL_ROUTE", Map.of("routeCode", "NO_SUCH_ROUTE"), 400);
		String route = jdbc.sql("SELECT code FROM legal_route WHERE active ORDER BY sort_order LIMIT 1")
			.query(String.class).single();
		assertThat(flow.act(registrar, redirected, "REDIRECT_LEGAL_ROUTE", Map.of("routeCode", route))
			.get("status")).isEqualTo("REDIRECTED");
		long report = flow.register(registrar, "REPORT", hospital, null).id();
		assertThat(flow.act(registrar, report, "ROUTE_TO_DISCIPLINE", null).get("status"))
			.isEqualTo("ROUTED_TO_DISCIPLINE");
	}

	@Test
	void aUnitReturnsAMatterToTheReceivingOfficeWithReasons() {
		long id = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		flow.act(registrar, id, "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, id, "RETURN", Map.of(), 400);
		Map<?, ?> back = flow.act(head, id, "RETURN", Map.of("reason", "不属本院职责"));
		assertThat(back.get("status")).isEqualTo("REGISTERED");
		assertThat(metOn(back, "TRIAGE")).isNull();
		assertThat(flow.matter(registrar, id).get("allowedActions")).asList().contains("ASSIGN");
	}

	@Test
	void actionsRefusedByStateRoleScopeVersionAndName() {
		long id = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		Map<?, ?> wrongState = flow.act(head, id, "ACCEPT", null, 409);
		assertThat(wrongState.get("type")).isEqualTo("https://xinfang.org/problems/action-not-allowed");
		// a handler of the hospital sees the matter but does not triage it
		flow.act(handler, id, "ASSIGN", Map.of("unitCode", hospital.code()), 403);
		// another county sees nothing
		StaffPrincipal stranger = fixtures.user(fixtures.bureauUnder(commission), Role.REGISTRAR);
		flow.act(stranger, id, "ASSIGN", Map.of("unitCode", hospital.code()), 404);
		flow.act(registrar, id, "FLY_AWAY", Map.of(), 400);
		// a unit outside the receiving office's subtree cannot be assigned
		flow.act(registrar, id, "ASSIGN", Map.of("unitCode", fixtures.bureauUnder(commission).code()), 400);
		int version = ((Number) flow.matter(registrar, id).get("version")).intValue();
		Map<?, ?> stale = flow.exchange(registrar, id, "ASSIGN", Map.of("unitCode", hospital.code()),
				"\"" + (version - 1) + "\"", 409);
		assertThat(stale.get("type")).isEqualTo("https://xinfang.org/problems/stale-matter");
		Map<?, ?> fresh = flow.exchange(registrar, id, "ASSIGN", Map.of("unitCode", hospital.code()),
				"\"" + version + "\"", 200);
		assertThat(fresh.get("version")).isEqualTo(version + 1);
		// the petitioner's actions are not staff's
		flow.act(registrar, id, "EVALUATE", Map.of("rating", "SATISFIED"), 403);
	}

	@Test
	void publicActionsNeedTheRightSecret() {
		MatterFlow.Registered m = handledAndDelivered();
		MatterFlow.Registered wrong = new MatterFlow.Registered(m.id(), m.code(), "WRONGSECRET", m.answer());
		flow.actAsPetitioner(wrong, "EVALUATE", Map.of("rating", "SATISFIED"), 404);
		flow.actAsPetitioner(m, "REQUEST_REREVIEW", Map.of("reason", "x"), 409);
		flow.actAsPetitioner(m, "EVALUATE", Map.of("rating", "SATISFIED"), 200);
	}

	@Test
	void overdueDeadlineIsNoticedOnceEvenWhenTwoRunsRaceAndTheListFiltersAndSortsByDeadline() throws Exception {
		MatterFlow.Registered late = flow.register(registrar, "GRIEVANCE", hospital, TODAY.minusDays(40));
		MatterFlow.Registered fresh = flow.register(registrar, "PROPOSAL", hospital, null);

		var first = CompletableFuture.supplyAsync(overdueNotices::noticeOverdue);
		var second = CompletableFuture.supplyAsync(overdueNotices::noticeOverdue);
		CompletableFuture.allOf(first, second).get();
		overdueNotices.noticeOverdue();

		long notices = jdbc.sql("SELECT count(*) FROM matter_event WHERE matter_id = :id AND type = 'OVERDUE'")
			.param("id", late.id()).query(Long.class).single();
		assertThat(notices).isEqualTo(1);
		assertThat(auditTrail.forEntity("matter", late.id())).extracting(AuditTrail.Entry::action)
			.containsOnlyOnce("DEADLINE_OVERDUE");
		assertThat(first.get().stream().filter(d -> d.matterId() == late.id()).count()
				+ second.get().stream().filter(d -> d.matterId() == late.id()).count()).isEqualTo(1);

		List<Object> overdue = list(flow.get(registrar, "/api/v1/matters?deadlineState=OVERDUE").get("items"));
		assertThat(overdue).extracting(i -> (Object) ((Number) ((Map<?, ?>) i).get("id")).longValue())
			.containsExactly(late.id());
		List<Object> all = list(flow.get(registrar, "/api/v1/matters").get("items"));
		assertThat(all).extracting(i -> (Object) ((Number) ((Map<?, ?>) i).get("id")).longValue())
			.containsExactly(late.id(), fresh.id());
		assertThat(list(flow.get(registrar, "/api/v1/matters?kind=PROPOSAL&status=REGISTERED&channel=LETTER&unit="
				+ hospital.code()).get("items"))).hasSize(1);
		assertThat(list(flow.get(registrar, "/api/v1/matters?deadlineState=ON_TRACK").get("items"))).hasSize(1);
	}

	@Test
	void openApiDocumentListsEveryActionWithItsBody() {
		Map<?, ?> doc = http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
		Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
		java.util.Set<Object> pathNames = new java.util.HashSet<>(paths.keySet());
		for (Action action : Action.values()) {
			String path = action.isCitizens() ? "/api/v1/public/petitions/{trackingCode}/actions/" + action
					: "/api/v1/matters/{id}/actions/" + action;
			assertThat(pathNames).as(path).contains(path);
		}
		Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) doc.get("components")).get("schemas");
		java.util.Set<Object> schemaNames = new java.util.HashSet<>(schemas.keySet());
		assertThat(schemaNames).contains("Assign", "DraftReply", "Deliver", "Evaluate", "DecideReview", "RecordHearing");
	}

	private MatterFlow.Registered inHandling() {
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		return m;
	}

	private MatterFlow.Registered handledAndDelivered() {
		MatterFlow.Registered m = inHandling();
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "NOT_SUPPORTED", "text", "诉求缺乏依据。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", TODAY.toString()));
		return m;
	}
}
