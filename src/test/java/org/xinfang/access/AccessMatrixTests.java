package org.xinfang.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.xinfang.access.Agent.Answer;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * Issue #5 item 5: every endpoint and page of the application, as Spring MVC has mapped it, × every role (and
 * no sign-in, and a user of the parent unit) × a target in the user's own unit, in another county and in the
 * parent unit's own scope, against the expected allow/deny of the table below.
 *
 * <p>The list of endpoints is read from {@code requestMappingHandlerMapping}, never written down: an endpoint
 * without a row in {@link #rules} fails the test, so a new endpoint cannot slip in unchecked. Answers:
 * <ul>
 * <li>no credentials: API 401 problem, page 302 to {@code /login};</li>
 * <li>a role that may not: 403 (API problem or the error page);</li>
 * <li>a target outside the user's data scope: 404, the same answer as for an id that does not exist;</li>
 * <li>allowed: the status of the row, which is 2xx, or a 4xx that the request body provokes after the access
 * decision. The matrix sends bodies that are fine for access but incomplete, or a stale {@code If-Match}
 * version, so that no case changes a shared matter: 400 (invalid fields), 409 (the matter's state, or a stale
 * version), and for a few reads a 404 of a row that legitimately does not exist (a calendar day in 2099).</li>
 * </ul>
 */
@XinfangTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	static final String NAME = "司马举报";

	static final String STALE = "\"999999\"";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	/** Where a path variable points, relative to the user's unit (bureau A). */
	enum Scope {
		/** bureau A's subtree: the user's own unit */
		OWN,
		/** bureau B, the other county */
		OTHER,
		/** the prefecture commission's own matters and units, above bureau A */
		PARENT
	}

	/** One side of the organisation: an office (bureau or the commission) and a hospital below it. */
	record Side(Unit office, Unit hospital, StaffPrincipal registrar, StaffPrincipal head, Matter report,
			Matter decided, long attachmentId, long documentId, StaffPrincipal spareUser, Unit spareUnit) {
	}

	record Matter(long id, String code, String secret) {
	}

	/** Who asks: nobody, one role at bureau A, or a leader of the commission above it. */
	record Who(String label, StaffPrincipal user, Role role, boolean upper) {

		boolean anonymous() {
			return user == null;
		}

		boolean is(Role... roles) {
			return role != null && List.of(roles).contains(role);
		}

		/** Whether a target in this scope lies in the user's subtree. */
		boolean sees(Scope scope) {
			return upper || scope == Scope.OWN;
		}
	}

	final Map<Scope, Side> sides = new LinkedHashMap<>();

	final List<Who> everyone = new ArrayList<>();

	final Map<String, Agent> agents = new LinkedHashMap<>();

	Unit commission;

	Unit bureauA;

	@BeforeAll
	void organisation() {
		commission = fixtures.commission();
		bureauA = fixtures.bureauUnder(commission);
		Unit bureauB = fixtures.bureauUnder(commission);
		sides.put(Scope.OWN, side(bureauA));
		sides.put(Scope.OTHER, side(bureauB));
		sides.put(Scope.PARENT, side(commission));

		everyone.add(new Who("anonymous", null, null, false));
		for (Role role : Role.values()) {
			everyone.add(new Who(role.name(), fixtures.user(bureauA, role), role, false));
		}
		everyone.add(new Who("commission LEADER", fixtures.user(commission, Role.LEADER), Role.LEADER, true));
		for (Who who : everyone) {
			Agent agent = new Agent(port);
			if (who.anonymous()) {
				agent.anonymous();
			}
			else {
				agent.signIn(who.user().username(), Fixtures.PASSWORD);
			}
			agents.put(who.label(), agent);
		}
	}

	/** An office with a registrar, a hospital below it with a head, a protected report and a decided grievance. */
	Side side(Unit office) {
		Unit hospital = fixtures.hospitalUnder(office);
		StaffPrincipal registrar = fixtures.user(office, Role.REGISTRAR);
		StaffPrincipal head = fixtures.user(hospital, Role.UNIT_HEAD);
		Matter report = register(registrar, "REPORT", hospital, NAME);
		// not protected (a grievance not about the unit): its petitioner is shown to whoever sees it
		Matter decided = register(registrar, "GRIEVANCE", hospital, "王五");
		long attachmentId = upload(registrar, decided.id());
		post(registrar, "/api/v1/matters/" + decided.id() + "/actions/ASSIGN", Map.of("unitCode", hospital.code()), 200);
		post(head, "/api/v1/matters/" + decided.id() + "/actions/REJECT", Map.of("reason", "不属于本院职责"), 200);
		List<?> documents = http.get().uri("/api/v1/matters/" + decided.id() + "/documents")
			.headers(h -> h.setBasicAuth(head.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectBody(List.class).returnResult().getResponseBody();
		long documentId = ((Number) ((Map<?, ?>) documents.get(0)).get("id")).longValue();
		Unit spare = fixtures.hospitalUnder(office);
		return new Side(office, hospital, registrar, head, report, decided, attachmentId, documentId,
				fixtures.user(spare, Role.HANDLER), spare);
	}

	// ---------------------------------------------------------------- the table

	/** What a case should answer: the status, given who asks and where the target lies. */
	interface Expect {
		int status(Who who, Scope scope);
	}

	/**
	 * A row: the expected answer, how to build the request (path variables, body), and for the portal's pages,
	 * which answer with a page of status 200 either way, a text the page must contain (its title).
	 */
	record Rule(Expect expect, Request request, Marker marker) {

		Rule(Expect expect, Request request) {
			this(expect, request, (who, scope) -> null);
		}
	}

	interface Marker {
		String text(Who who, Scope scope);
	}

	/** The status page for the holder of the secret; the track form (same status 200) for everyone else. */
	void citizenPage(String method, String pattern, int ok, String okMarker) {
		rules.put(method + " " + pattern, new Rule((who, scope) -> scope == Scope.OWN ? ok : 200, this::citizenForm,
				(who, scope) -> scope == Scope.OWN ? okMarker : "<title>查询办理进度"));
	}

	Request accept(String type) {
		return (p, m, side, scope) -> apiCall(p, m, side, scope).header("Accept", type);
	}

	/** Builds the request of one case. */
	interface Request {
		Agent.Call build(String pattern, String method, Side side, Scope scope);
	}

	final Map<String, Rule> rules = new LinkedHashMap<>();

	/** Open to anyone, signed in or not. */
	static Expect open(int ok) {
		return (who, scope) -> ok;
	}

	/** Any signed-in staff member; 401 without credentials. */
	static Expect staff(int ok) {
		return (who, scope) -> who.anonymous() ? 401 : ok;
	}

	/** Only these roles (403 for the others), checked before anything is looked up. */
	static Expect roles(int ok, Role... roles) {
		return (who, scope) -> who.anonymous() ? 401 : who.is(roles) ? ok : 403;
	}

	/** Any staff member who can see the target; 404 outside the data scope. */
	static Expect scoped(int ok) {
		return (who, scope) -> who.anonymous() ? 401 : who.sees(scope) ? ok : 404;
	}

	/** The role first (403), then the data scope (404). */
	static Expect rolesThenScope(int ok, Role... roles) {
		return (who, scope) -> who.anonymous() ? 401 : !who.is(roles) ? 403 : who.sees(scope) ? ok : 404;
	}

	/** The data scope first (404), then the role (403): the matter must be found before its rules apply. */
	static Expect scopeThenRoles(int ok, Role... roles) {
		return (who, scope) -> who.anonymous() ? 401 : !who.sees(scope) ? 404 : who.is(roles) ? ok : 403;
	}

	void api(String method, String pattern, Expect expect) {
		rules.put(method + " " + pattern, new Rule(expect, this::apiCall));
	}

	void api(String method, String pattern, Expect expect, Request request) {
		rules.put(method + " " + pattern, new Rule(expect, request));
	}

	void page(String method, String pattern, Expect expect) {
		rules.put(method + " " + pattern, new Rule(pageExpect(expect), this::pageCall));
	}

	void page(String method, String pattern, Expect expect, Request request) {
		rules.put(method + " " + pattern, new Rule(pageExpect(expect), request));
	}

	/** Pages answer a missing sign-in with a redirect to the login form (status 302 here, checked below). */
	static Expect pageExpect(Expect expect) {
		return (who, scope) -> expect.status(who, scope) == 401 ? 302 : expect.status(who, scope);
	}

	void table() {
		final Role[] intake = { Role.REGISTRAR, Role.ADMIN };
		final Role[] revealers = { Role.REGISTRAR, Role.UNIT_HEAD, Role.LEADER };
		final Role[] auditors = { Role.ADMIN, Role.SUPERVISOR };
		final Role[] indicatorReaders = { Role.SUPERVISOR, Role.LEADER, Role.UNIT_HEAD, Role.ADMIN };
		final Role[] markers = { Role.SUPERVISOR, Role.LEADER };

		// --- staff API: who am I, matters
		api("GET", "/api/v1/me", staff(200));
		api("POST", "/api/v1/matters", roles(400, intake), json("{}"));
		api("GET", "/api/v1/matters", staff(200));
		api("GET", "/api/v1/matters/export.xlsx", staff(200), accept(
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		api("GET", "/api/v1/matters/{id}", scoped(200));
		// a blank reason: the role may reveal (400 for the reason), the others 403
		api("POST", "/api/v1/matters/{id}/identity-reveals", (w, s) -> w.anonymous() ? 401
				: !w.sees(s) ? 404 : w.is(revealers) ? 400 : 403, json("{\"reason\":\" \"}"));
		api("POST", "/api/v1/matters/{id}/attachments", rolesThenScope(201, intake), this::upload);
		api("GET", "/api/v1/matters/{id}/attachments/{attachmentId}", scoped(200));
		api("GET", "/api/v1/matters/{matterId}/documents", scoped(200));
		api("GET", "/api/v1/documents/{id}/pdf", scoped(200), accept("application/pdf"));

		// --- the lifecycle: the report is REGISTERED; the triage actions are the receiving office's registrar's,
		// who gets as far as the stale If-Match (409); every other action is not possible in that state (409)
		for (String triage : List.of("ASSIGN", "FORWARD", "REDIRECT_LEGAL_ROUTE", "ROUTE_TO_DISCIPLINE")) {
			api("POST", "/api/v1/matters/{id}/actions/" + triage,
					(w, s) -> w.anonymous() ? 401 : !w.sees(s) ? 404 : w.is(Role.REGISTRAR) && !w.upper() ? 409 : 403,
					action("{}"));
		}
		for (String other : List.of("RETURN", "ACCEPT", "REJECT", "REJECT_FINAL", "ASSIGN_HANDLER", "ADD_PROGRESS",
				"REQUEST_EXTENSION", "APPROVE_EXTENSION", "DENY_EXTENSION", "DRAFT_REPLY", "APPROVE_REPLY",
				"SEND_BACK_REPLY", "DELIVER", "DECIDE_REVIEW", "RECORD_HEARING", "DECIDE_REREVIEW", "CLOSE")) {
			api("POST", "/api/v1/matters/{id}/actions/" + other, scoped(409), action("{}"));
		}
		// the petitioner's own actions are refused to all staff, before anything is looked up
		for (String citizens : List.of("EVALUATE", "REQUEST_REVIEW", "REQUEST_REREVIEW")) {
			api("POST", "/api/v1/matters/{id}/actions/" + citizens, staff(403), action("{}"));
		}
		// an unknown action is refused before anything is looked up
		api("POST", "/api/v1/matters/{id}/actions/{action}", staff(400), action("{}"));

		// --- supervision and audit
		api("GET", "/api/v1/indicators", rolesThenScope(200, indicatorReaders),
				(p, m, side, scope) -> Agent.Call.api(m, "/api/v1/indicators?period=2026&unit=" + side.office().code()));
		// key matters (包案): the report is not a key matter, so reading or reporting on it is 404 for everyone;
		// marking and unmarking are the supervisors' and leaders' (role first, 403; then the scope; bodies
		// incomplete: 400)
		api("PUT", "/api/v1/matters/{id}/key", rolesThenScope(400, markers), json("{}"));
		api("GET", "/api/v1/matters/{id}/key", staff(404));
		api("DELETE", "/api/v1/matters/{id}/key", rolesThenScope(400, markers), json("{}"));
		api("POST", "/api/v1/matters/{id}/key/reports", staff(404), json("{}"));
		api("GET", "/api/v1/key-matters", staff(200));
		// --- interviews, problem lists, accountability (issue #6 item 4b): opening, drafting and recording are the
		// supervisors' and leaders' (role first, 403; the bodies are incomplete, 400); every list is the user's
		// own subtree (200); a record that does not exist (or lies outside the subtree) is 404 for everyone, its
		// scope looked up before any role
		api("POST", "/api/v1/interviews", roles(400, markers), json("{}"));
		api("GET", "/api/v1/interviews", staff(200));
		api("GET", "/api/v1/interviews/{interviewId}", staff(404), absent(null));
		api("PUT", "/api/v1/interviews/{interviewId}/preparation", staff(404), absent("{}"));
		for (String step : List.of("notify", "hold", "signatures", "report", "accept", "cancel")) {
			api("POST", "/api/v1/interviews/{interviewId}/" + step, staff(404), absent("{}"));
		}
		api("GET", "/api/v1/interviews/{interviewId}/notice.pdf", staff(404), absentPdf());
		api("GET", "/api/v1/interviews/{interviewId}/record.pdf", staff(404), absentPdf());
		api("POST", "/api/v1/problem-lists", roles(400, markers), json("{}"));
		api("GET", "/api/v1/problem-lists", staff(200));
		api("GET", "/api/v1/problem-lists/{listId}", staff(404), absent(null));
		api("POST", "/api/v1/problem-lists/{listId}/items", staff(404), absent("{}"));
		api("POST", "/api/v1/problem-lists/{listId}/issue", staff(404), absent("{}"));
		for (String step : List.of("report", "accept", "reject")) {
			api("POST", "/api/v1/problem-lists/{listId}/items/{itemId}/" + step, staff(404), absent("{}"));
		}
		api("GET", "/api/v1/problem-lists/{listId}/document.pdf", staff(404), absentPdf());
		api("POST", "/api/v1/accountability", roles(400, markers), json("{}"));
		api("GET", "/api/v1/accountability", staff(200));
		api("GET", "/api/v1/accountability/{recommendationId}", staff(404), absent(null));
		api("POST", "/api/v1/accountability/{recommendationId}/send", staff(404), absent("{}"));
		api("POST", "/api/v1/accountability/{recommendationId}/outcome", staff(404), absent("{}"));
		api("GET", "/api/v1/accountability/{recommendationId}/document.pdf", staff(404), absentPdf());
		page("GET", "/staff/interviews", staff(200));
		page("POST", "/staff/interviews", roles(400, markers));
		page("GET", "/staff/interviews/{interviewId}", staff(404), absentPage());
		for (String step : List.of("preparation", "notify", "hold", "signatures", "report", "accept", "cancel")) {
			page("POST", "/staff/interviews/{interviewId}/" + step, staff(404), absentPage());
		}
		page("GET", "/staff/problem-lists", staff(200));
		page("POST", "/staff/problem-lists", roles(400, markers));
		page("GET", "/staff/problem-lists/{listId}", staff(404), absentPage());
		page("POST", "/staff/problem-lists/{listId}/items", staff(404), absentPage());
		page("POST", "/staff/problem-lists/{listId}/issue", staff(404), absentPage());
		page("POST", "/staff/problem-lists/{listId}/items/{itemId}/report", staff(404), absentPage());
		page("POST", "/staff/problem-lists/{listId}/items/{itemId}/verify", staff(404), absentPage());
		page("GET", "/staff/accountability", staff(200));
		page("POST", "/staff/accountability", roles(400, markers));
		page("GET", "/staff/accountability/{recommendationId}", staff(404), absentPage());
		page("POST", "/staff/accountability/{recommendationId}/send", staff(404), absentPage());
		page("POST", "/staff/accountability/{recommendationId}/outcome", staff(404), absentPage());

		api("GET", "/api/v1/admin/audit/verify", roles(200, auditors));
		api("GET", "/api/v1/admin/audit/entries", rolesThenScope(200, auditors), (p, m, side, scope) -> Agent.Call
			.api(m, "/api/v1/admin/audit/entries?entityType=matter&entityId=" + side.report().id()));
		// --- supervision measures: special assignments (专项交办), reminders (提醒), flags (挂牌督办). Issuing is
		// the supervisors' (role first, 403; empty bodies: 400); lists default to the user's unit (200); a measure
		// that does not exist (or lies outside the subtree, see SupervisionMeasureTests) is 404 for everyone
		final Request noMeasure = (p, m, side, scope) -> m.equals("POST")
				? Agent.Call.api(m, absentPath(p)).json("{}") : Agent.Call.api(m, absentPath(p));
		api("POST", "/api/v1/special-assignments", roles(400, Role.SUPERVISOR), json("{}"));
		api("GET", "/api/v1/special-assignments", staff(200));
		api("GET", "/api/v1/special-assignments/{assignmentId}", staff(404), noMeasure);
		api("POST", "/api/v1/special-assignments/{assignmentId}/steps/{step}", staff(404), noMeasure);
		api("POST", "/api/v1/special-assignments/{assignmentId}/close", staff(404), noMeasure);
		api("GET", "/api/v1/special-assignments/{assignmentId}/notice.pdf", staff(404), noMeasure);
		api("POST", "/api/v1/reminders", roles(400, Role.SUPERVISOR), json("{}"));
		api("GET", "/api/v1/reminders", staff(200));
		api("GET", "/api/v1/reminders/{reminderId}", staff(404), noMeasure);
		api("POST", "/api/v1/reminders/{reminderId}/acknowledge", staff(404), noMeasure);
		api("POST", "/api/v1/reminders/{reminderId}/response", staff(404), noMeasure);
		api("GET", "/api/v1/reminders/{reminderId}/letter.pdf", staff(404), noMeasure);
		api("POST", "/api/v1/flags", roles(400, Role.SUPERVISOR), json("{}"));
		api("GET", "/api/v1/flags", staff(200));
		api("GET", "/api/v1/flags/{flagId}", staff(404), noMeasure);
		api("POST", "/api/v1/flags/{flagId}/notice", staff(404), noMeasure);
		api("POST", "/api/v1/flags/{flagId}/resolution", staff(404), noMeasure);
		api("POST", "/api/v1/flags/{flagId}/acceptance", staff(404), noMeasure);
		api("POST", "/api/v1/flags/{flagId}/unflag", staff(404), noMeasure);
		api("GET", "/api/v1/flags/{flagId}/notice.pdf", staff(404), noMeasure);

		// --- bulletins (通报) and their proposed measures: read by those who read indicators, written and decided
		// by supervisors (role first, 403); a bulletin or proposal that does not exist is 404 (ids below are
		// none); bodies incomplete: 400
		final Role[] bulletinReaders = { Role.SUPERVISOR, Role.LEADER, Role.UNIT_HEAD, Role.ADMIN };
		api("POST", "/api/v1/bulletins", roles(400, Role.SUPERVISOR), json("{}"));
		api("GET", "/api/v1/bulletins", roles(200, bulletinReaders));
		api("GET", "/api/v1/bulletins/{bulletinId}", roles(404, bulletinReaders), noBulletin(null, null));
		api("PUT", "/api/v1/bulletins/{bulletinId}", roles(404, Role.SUPERVISOR), noBulletin("{}", null));
		api("POST", "/api/v1/bulletins/{bulletinId}/regenerate", roles(404, Role.SUPERVISOR), noBulletin(null, null));
		api("POST", "/api/v1/bulletins/{bulletinId}/publish", roles(404, Role.SUPERVISOR), noBulletin(null, null));
		api("GET", "/api/v1/bulletins/{bulletinId}/pdf", roles(404, bulletinReaders), noBulletin(null, "application/pdf"));
		api("GET", "/api/v1/bulletins/{bulletinId}/xlsx", roles(404, bulletinReaders),
				noBulletin(null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		api("GET", "/api/v1/bulletin-proposals", roles(200, bulletinReaders));
		api("POST", "/api/v1/bulletin-proposals/{proposalId}/confirm", roles(404, Role.SUPERVISOR), noBulletin("{}", null));
		api("POST", "/api/v1/bulletin-proposals/{proposalId}/dismiss", roles(404, Role.SUPERVISOR), noBulletin("{}", null));
		page("GET", "/staff/bulletins", roles(200, bulletinReaders));
		page("POST", "/staff/bulletins", roles(400, Role.SUPERVISOR)); // the list again, with the errors
		page("GET", "/staff/bulletins/{bulletinId}", roles(404, bulletinReaders), absentPage());
		page("POST", "/staff/bulletins/{bulletinId}", roles(404, Role.SUPERVISOR), absentPage());
		page("POST", "/staff/bulletins/{bulletinId}/regenerate", roles(404, Role.SUPERVISOR), absentPage());
		page("POST", "/staff/bulletins/{bulletinId}/publish", roles(404, Role.SUPERVISOR), absentPage());
		page("GET", "/staff/bulletin-proposals", roles(200, bulletinReaders));
		page("POST", "/staff/bulletin-proposals/{proposalId}/confirm", roles(404, Role.SUPERVISOR), absentPage());
		page("POST", "/staff/bulletin-proposals/{proposalId}/dismiss", roles(404, Role.SUPERVISOR), absentPage());

		// --- target responsibility letters and the yearly assessment: set by supervisors (bodies incomplete: 400),
		// read by those who read indicators, for the user's own bureau
		api("PUT", "/api/v1/target-letters/{unitCode}/{year}", roles(400, Role.SUPERVISOR), (p, m, side, scope) -> Agent.Call
			.api(m, "/api/v1/target-letters/" + side.spareUnit().code() + "/2026").json("{}"));
		api("GET", "/api/v1/target-letters", roles(200, bulletinReaders),
				(p, m, side, scope) -> Agent.Call.api(m, p + "?year=2026&unit=" + side.office().code()));
		api("GET", "/api/v1/assessments", roles(200, bulletinReaders),
				(p, m, side, scope) -> Agent.Call.api(m, p + "?year=2026&unit=" + side.office().code()));
		api("GET", "/api/v1/assessments/export.xlsx", roles(200, bulletinReaders), (p, m, side, scope) -> Agent.Call
			.api(m, p + "?year=2026&unit=" + side.office().code())
			.header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		page("GET", "/staff/assessments", roles(200, bulletinReaders));
		page("POST", "/staff/assessments/letters", roles(400, Role.SUPERVISOR)); // the page again, with the errors
		// --- API bearer tokens (issue #4): issuing is open (the body carries the credentials; incomplete: 400);
		// revoking the current token needs a bearer request (signed in otherwise: 400 no-bearer-token)
		api("POST", "/api/v1/auth/tokens", open(400), json("{}"));
		api("DELETE", "/api/v1/auth/tokens/current", staff(400));
		// --- supervisor dashboard (issue #6 item 7): supervisors and leaders, for a unit of their subtree
		api("GET", "/api/v1/supervision/dashboard", rolesThenScope(200, markers),
				(p, m, side, scope) -> Agent.Call.api(m, "/api/v1/supervision/dashboard?unit=" + side.office().code()));
		page("GET", "/staff/supervision", rolesThenScope(200, markers),
				(p, m, side, scope) -> Agent.Call.page(m, "/staff/supervision?unit=" + side.office().code()));

		// --- the calendar: reading is public; changing is the administrators' (bodies incomplete: 400)
		api("GET", "/api/v1/calendar/due-date", open(200),
				(p, m, side, scope) -> Agent.Call.api(m, "/api/v1/calendar/due-date?start=2026-03-02&amount=60&unit=CALENDAR_DAYS"));
		api("GET", "/api/v1/calendar/years/{year}", open(200));
		api("GET", "/api/v1/calendar/rules", open(200));
		api("PUT", "/api/v1/calendar/days/{day}", roles(400, Role.ADMIN), json("{}"));
		api("DELETE", "/api/v1/calendar/days/{day}", roles(404, Role.ADMIN));
		api("PUT", "/api/v1/calendar/years/{year}", roles(400, Role.ADMIN), json("{}"));
		api("PUT", "/api/v1/calendar/rules/{code}", roles(400, Role.ADMIN), json("{}"));

		// --- administration API: administrators, within their subtree; changes carry a stale version (409)
		api("GET", "/api/v1/admin/units", roles(200, Role.ADMIN));
		api("GET", "/api/v1/admin/units/{code}", rolesThenScope(200, Role.ADMIN));
		api("POST", "/api/v1/admin/units", roles(400, Role.ADMIN), json("{}"));
		api("PUT", "/api/v1/admin/units/{code}", rolesThenScope(409, Role.ADMIN),
				json("{\"name\":\"改名\",\"level\":\"INSTITUTION\",\"type\":\"HOSPITAL\",\"version\":999999}"));
		api("POST", "/api/v1/admin/units/{code}/move", rolesThenScope(409, Role.ADMIN),
				(p, m, side, scope) -> Agent.Call.api(m, path(p, side, scope))
					.json("{\"parentCode\":\"" + sides.get(Scope.OWN).hospital().code() + "\",\"version\":999999}"));
		api("POST", "/api/v1/admin/units/{code}/deactivate", rolesThenScope(409, Role.ADMIN),
				json("{\"version\":999999}"));
		api("GET", "/api/v1/admin/users", roles(200, Role.ADMIN));
		api("GET", "/api/v1/admin/users/{username}", rolesThenScope(200, Role.ADMIN));
		api("POST", "/api/v1/admin/users", roles(400, Role.ADMIN), json("{}"));
		api("PUT", "/api/v1/admin/users/{username}", rolesThenScope(409, Role.ADMIN),
				(p, m, side, scope) -> Agent.Call.api(m, path(p, side, scope))
					.json("{\"displayName\":\"改名\",\"unitCode\":\"" + side.spareUnit().code()
							+ "\",\"roles\":[\"HANDLER\"],\"version\":999999}"));
		api("POST", "/api/v1/admin/users/{username}/password", rolesThenScope(204, Role.ADMIN),
				json("{\"password\":\"" + Fixtures.PASSWORD + "\"}"));
		api("POST", "/api/v1/admin/users/{username}/unlock", rolesThenScope(200, Role.ADMIN));

		// --- the public API: the citizen who holds the matter's secret, and nobody else (wrong secret: 404)
		api("POST", "/api/v1/public/petitions", open(400), json("{}"));
		api("GET", "/api/v1/public/petitions/{trackingCode}", citizen(200), this::citizenCall);
		api("GET", "/api/v1/public/petitions/{trackingCode}/documents/{documentId}", citizen(200),
				(p, m, side, scope) -> citizenCall(p, m, side, scope).header("Accept", "application/pdf"));
		for (String action : List.of("EVALUATE", "REQUEST_REVIEW", "REQUEST_REREVIEW")) {
			api("POST", "/api/v1/public/petitions/{trackingCode}/actions/" + action, citizen(409), this::citizenCall);
		}

		// --- pages: the portal is open, the staff pages need a sign-in, /admin the administrator's role
		page("GET", "/", open(200));
		page("GET", "/login", open(200));
		page("GET", "/portal/submit", open(200));
		page("POST", "/portal/submit", open(200)); // the form again, with its errors
		page("GET", "/portal/track", open(200));
		// a page answers a wrong code or secret with the track form and its message (200): the title tells which
		citizenPage("POST", "/portal/track", 200, "<title>办理进度");
		// the decided (rejected) matter cannot be evaluated: its status page with the refusal
		citizenPage("POST", "/portal/track/actions/{action}", 409, "<title>办理进度");
		citizenPage("POST", "/portal/track/documents/{id}", 200, "%PDF");

		page("GET", "/staff", staff(200));
		page("GET", "/staff/inbox", roles(200, Role.REGISTRAR));
		page("GET", "/staff/work", roles(200, Role.HANDLER, Role.UNIT_HEAD));
		page("GET", "/staff/approvals", roles(200, Role.UNIT_HEAD));
		page("GET", "/staff/reviews", roles(200, Role.REVIEWER));
		page("GET", "/staff/matters", staff(200));
		page("GET", "/staff/matters/{id}", scoped(200));
		page("POST", "/staff/matters/{id}/actions/{action}", scoped(400));
		// a blank reason goes back to the matter page with the message (302); a role that may not reveal: 403
		page("POST", "/staff/matters/{id}/identity-reveals", scopeThenRoles(302, revealers));
		page("GET", "/staff/key-matters", staff(200));
		// a matter that is not key: those who may mark it see the form to do so; for anyone else it does not exist
		page("GET", "/staff/key-matters/{matterId}",
				(w, s) -> w.anonymous() ? 401 : w.sees(s) && w.is(markers) ? 200 : 404);
		page("POST", "/staff/key-matters/{matterId}/mark",
				(w, s) -> w.anonymous() ? 401 : w.sees(s) && w.is(markers) ? 400 : 404);
		page("POST", "/staff/key-matters/{matterId}/reports", staff(404));
		// supervision measures: the forms to issue answer a supervisor with the form again and its errors (400),
		// anyone else with 403; a measure that does not exist is 404
		final Request noMeasurePage = absentPage();
		page("GET", "/staff/assignments", staff(200));
		page("POST", "/staff/assignments", roles(400, Role.SUPERVISOR));
		page("GET", "/staff/assignments/{assignmentId}", staff(404), noMeasurePage);
		page("POST", "/staff/assignments/{assignmentId}/steps/{step}", staff(404), noMeasurePage);
		page("POST", "/staff/assignments/{assignmentId}/close", staff(404), noMeasurePage);
		page("GET", "/staff/assignments/{assignmentId}/notice.pdf", staff(404), noMeasurePage);
		page("GET", "/staff/reminders", staff(200));
		page("POST", "/staff/reminders", roles(400, Role.SUPERVISOR));
		page("GET", "/staff/reminders/{reminderId}", staff(404), noMeasurePage);
		page("POST", "/staff/reminders/{reminderId}/acknowledge", staff(404), noMeasurePage);
		page("POST", "/staff/reminders/{reminderId}/response", staff(404), noMeasurePage);
		page("GET", "/staff/reminders/{reminderId}/letter.pdf", staff(404), noMeasurePage);
		page("GET", "/staff/flags", staff(200));
		page("POST", "/staff/flags", roles(400, Role.SUPERVISOR));
		page("GET", "/staff/flags/{flagId}", staff(404), noMeasurePage);
		page("POST", "/staff/flags/{flagId}/notice", staff(404), noMeasurePage);
		page("POST", "/staff/flags/{flagId}/resolution", staff(404), noMeasurePage);
		page("POST", "/staff/flags/{flagId}/acceptance", staff(404), noMeasurePage);
		page("POST", "/staff/flags/{flagId}/unflag", staff(404), noMeasurePage);
		page("GET", "/staff/flags/{flagId}/notice.pdf", staff(404), noMeasurePage);
		page("GET", "/staff/intake/new", roles(200, intake));
		page("POST", "/staff/intake/new", roles(200, intake)); // the form again, with its errors

		page("GET", "/admin", roles(200, Role.ADMIN));
		page("GET", "/admin/units", roles(200, Role.ADMIN));
		page("GET", "/admin/units/new", roles(200, Role.ADMIN));
		page("POST", "/admin/units", roles(400, Role.ADMIN));
		page("GET", "/admin/units/{code}/edit", rolesThenScope(200, Role.ADMIN));
		page("POST", "/admin/units/{code}", rolesThenScope(400, Role.ADMIN));
		page("POST", "/admin/units/{code}/move", rolesThenScope(400, Role.ADMIN));
		page("GET", "/admin/users", roles(200, Role.ADMIN));
		page("GET", "/admin/users/new", roles(200, Role.ADMIN));
		page("POST", "/admin/users", roles(400, Role.ADMIN));
		page("GET", "/admin/users/{username}/edit", rolesThenScope(200, Role.ADMIN));
		page("POST", "/admin/users/{username}", rolesThenScope(400, Role.ADMIN));
		page("POST", "/admin/users/{username}/password", rolesThenScope(400, Role.ADMIN));
		page("POST", "/admin/users/{username}/unlock", rolesThenScope(302, Role.ADMIN));
		page("GET", "/admin/categories", roles(200, Role.ADMIN));
		page("GET", "/admin/legal-routes", roles(200, Role.ADMIN));
		page("POST", "/admin/categories", roles(400, Role.ADMIN));
		page("POST", "/admin/legal-routes", roles(400, Role.ADMIN));
		page("GET", "/admin/categories/{code}/edit", roles(200, Role.ADMIN));
		page("GET", "/admin/legal-routes/{code}/edit", roles(200, Role.ADMIN));
		page("POST", "/admin/categories/{code}", roles(400, Role.ADMIN));
		page("POST", "/admin/legal-routes/{code}", roles(400, Role.ADMIN));
		page("GET", "/admin/calendar", roles(200, Role.ADMIN));
		page("POST", "/admin/calendar/days", roles(200, Role.ADMIN)); // the page again, with its errors
		page("POST", "/admin/calendar/days/{day}/delete", roles(200, Role.ADMIN));
		page("POST", "/admin/calendar/years/{year}", roles(200, Role.ADMIN));
		page("GET", "/admin/period-rules", roles(200, Role.ADMIN));
		page("POST", "/admin/period-rules/{code}", roles(200, Role.ADMIN)); // the page again, with its errors
	}

	/** Public: whoever holds the matter's tracking code and secret (scope OWN), 404 with another matter's code. */
	static Expect citizen(int ok) {
		return (who, scope) -> scope == Scope.OWN ? ok : 404;
	}

	// ---------------------------------------------------------------- building requests

	Request json(String body) {
		return (p, m, side, scope) -> Agent.Call.api(m, path(p, side, scope)).json(body);
	}

	Request action(String body) {
		return (p, m, side, scope) -> Agent.Call.api(m, path(p, side, scope)).json(body).header("If-Match", STALE);
	}

	/** A supervision record (measure, interview, problem list, recommendation, bulletin, proposal) that does not exist. */
	static String absentPath(String pattern) {
		return pattern
			.replaceAll("\\{(interviewId|listId|itemId|recommendationId|assignmentId|reminderId|flagId|bulletinId|proposalId)\\}",
					"999999999")
			.replace("{step}", "MEASURES");
	}

	Request absent(String body) {
		return (p, m, side, scope) -> body == null ? Agent.Call.api(m, absentPath(p))
				: Agent.Call.api(m, absentPath(p)).json(body);
	}

	Request absentPdf() {
		return (p, m, side, scope) -> Agent.Call.api(m, absentPath(p)).header("Accept", "application/pdf");
	}

	Request absentPage() {
		return (p, m, side, scope) -> Agent.Call.page(m, absentPath(p));
	}

	Request noBulletin(String body, String accept) {
		return (p, m, side, scope) -> {
			Agent.Call call = Agent.Call.api(m, absentPath(p));
			call = body == null ? call : call.json(body);
			return accept == null ? call : call.header("Accept", accept);
		};
	}

	Agent.Call apiCall(String pattern, String method, Side side, Scope scope) {
		return Agent.Call.api(method, path(pattern, side, scope));
	}


	Agent.Call pageCall(String pattern, String method, Side side, Scope scope) {
		return Agent.Call.page(method, path(pattern, side, scope));
	}

	Agent.Call upload(String pattern, String method, Side side, Scope scope) {
		return Agent.Call.api(method, path(pattern, side, scope)).pdf("matrix.pdf", PDF);
	}

	/** The citizen holds the own side's secret, and uses it with the code of the side in question. */
	Agent.Call citizenCall(String pattern, String method, Side side, Scope scope) {
		Agent.Call call = Agent.Call.api(method, path(pattern, side, scope))
			.header("X-Query-Secret", sides.get(Scope.OWN).decided().secret());
		return method.equals("POST") ? call.json(body(pattern)) : call;
	}

	Agent.Call citizenForm(String pattern, String method, Side side, Scope scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("code", side.decided().code());
		form.put("secret", sides.get(Scope.OWN).decided().secret());
		if (pattern.endsWith("{action}")) {
			form.put("rating", "SATISFIED");
		}
		return Agent.Call.page(method, path(pattern, side, scope)).form(form);
	}

	static String body(String pattern) {
		return pattern.endsWith("EVALUATE") ? "{\"rating\":\"SATISFIED\"}" : "{\"reason\":\"不服\"}";
	}

	/** Fills the path variables for the side of this scope. */
	String path(String pattern, Side side, Scope scope) {
		boolean portal = pattern.startsWith("/portal") || pattern.startsWith("/api/v1/public");
		boolean material = pattern.contains("/attachments") || pattern.contains("/documents");
		String matter = String.valueOf(material ? side.decided().id() : side.report().id());
		return pattern.replace("{id}", pattern.startsWith("/api/v1/documents") || pattern.startsWith("/portal/track/documents")
				? String.valueOf(side.documentId()) : matter)
			.replace("{matterId}", matter)
			.replace("{attachmentId}", String.valueOf(side.attachmentId()))
			.replace("{documentId}", String.valueOf(side.documentId()))
			.replace("{trackingCode}", side.decided().code())
			.replace("{action}", portal ? "EVALUATE" : "NO_SUCH_ACTION")
			.replace("{username}", side.spareUser().username())
			.replace("{code}", code(pattern, side))
			// the calendar pages change data with an empty form: they get values they refuse (and show the page)
			.replace("{year}", pattern.startsWith("/admin") ? "no-such-year" : "2026")
			.replace("{day}", pattern.startsWith("/admin") ? "no-such-day" : "2099-01-01");
	}

	String code(String pattern, Side side) {
		if (pattern.contains("/units/")) {
			return side.spareUnit().code();
		}
		if (pattern.contains("categories")) {
			return "MEDICAL_QUALITY";
		}
		if (pattern.contains("legal-routes")) {
			return jdbc.sql("SELECT code FROM legal_route ORDER BY code LIMIT 1").query(String.class).single();
		}
		return "HANDLING"; // a period rule
	}

	// ---------------------------------------------------------------- the matrix

	@Test
	void everyEndpointAndPageAnswersEveryRoleAndScopeAsTheTableSays() {
		table();
		Map<String, String> mapped = mappedEndpoints();
		Set<String> missing = new TreeSet<>(mapped.keySet());
		missing.removeAll(rules.keySet());
		assertThat(missing).as("endpoints without a row in the access table").isEmpty();
		Set<String> stale = new TreeSet<>(rules.keySet());
		stale.removeAll(mapped.keySet());
		assertThat(stale).as("rows of the access table for endpoints that no longer exist").isEmpty();

		List<String> wrong = new ArrayList<>();
		int cases = 0;
		int apiEndpoints = 0;
		int pages = 0;
		for (Map.Entry<String, Rule> row : rules.entrySet()) {
			String method = row.getKey().substring(0, row.getKey().indexOf(' '));
			String pattern = row.getKey().substring(row.getKey().indexOf(' ') + 1);
			boolean api = pattern.startsWith("/api/");
			if (api) {
				apiEndpoints++;
			}
			else {
				pages++;
			}
			Rule rule = row.getValue();
			boolean scoped = scopeBearing(pattern);
			for (Who who : everyone) {
				for (Scope scope : scoped ? EnumSet.allOf(Scope.class) : EnumSet.of(Scope.OWN)) {
					Agent.Call call = rule.request().build(pattern, method, sides.get(scope), scope);
					Answer answer = agents.get(who.label()).send(call);
					int expected = rule.expect().status(who, scope);
					cases++;
					String problem = check(api, expected, answer);
					String headers = securityHeaders(answer);
					if (problem == null && headers != null) {
						problem = headers;
					}
					String marker = rule.marker().text(who, scope);
					if (problem == null && marker != null && !answer.body().contains(marker)) {
						problem = "expected a page with " + marker + " but was " + abbreviate(answer.body());
					}
					if (problem != null) {
						wrong.add(method + " " + call.path() + " as " + who.label() + " (" + scope + "): " + problem);
					}
				}
			}
		}
		System.out.println("ACCESS cases=" + cases + " endpoints=" + apiEndpoints + " pages=" + pages + " principals="
				+ everyone.size() + " scopes=" + Scope.values().length);
		assertThat(wrong).as("cases that do not answer as the access table says").isEmpty();
	}

	/**
	 * Whether the target of the request lies somewhere in the organisation (a matter, a unit, a user, a unit's
	 * indicators, a citizen's matter): such rows run for all three scopes, the others once.
	 */
	static boolean scopeBearing(String pattern) {
		return pattern.contains("{id}") || pattern.contains("{matterId}") || pattern.contains("{username}")
				|| pattern.contains("{trackingCode}") || pattern.contains("/units/{code}")
				|| pattern.equals("/api/v1/indicators") || pattern.equals("/api/v1/admin/audit/entries")
				|| pattern.startsWith("/portal/track");
	}

	/**
	 * Every answer, allowed or denied, API or page, error or redirect, carries the browser protections: a
	 * content security policy that forbids framing, X-Frame-Options DENY and X-Content-Type-Options nosniff.
	 */
	static String securityHeaders(Answer answer) {
		String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
		if (!csp.contains("frame-ancestors 'none'") || !csp.contains("default-src 'self'")) {
			return "no content security policy: " + csp;
		}
		if (!answer.headers().firstValue("X-Frame-Options").orElse("").equals("DENY")) {
			return "X-Frame-Options is not DENY";
		}
		if (!answer.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
			return "X-Content-Type-Options is not nosniff";
		}
		return null;
	}

	/** Null when the answer is the expected one; else what differs. */
	static String check(boolean api, int expected, Answer answer) {
		int status = answer.status();
		if (!api && expected == 302 && status == 302) {
			return null;
		}
		if (status != expected) {
			return "expected " + expected + " but was " + status + " " + abbreviate(answer.body());
		}
		return null;
	}

	static String abbreviate(String s) {
		if (s == null) {
			return "";
		}
		String flat = s.replaceAll("\\s+", " ");
		return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
	}

	/** Every "METHOD pattern" that Spring MVC maps in the application (a mapping without methods counts as GET). */
	Map<String, String> mappedEndpoints() {
		Map<String, String> all = new LinkedHashMap<>();
		mapping.getHandlerMethods().forEach((info, handler) -> {
			String type = handler.getBeanType().getName();
			if (!type.startsWith("org.xinfang.")) {
				return; // Spring Boot's /error and springdoc's documents: covered by ErrorPageTests and OpenApiDocumentTests
			}
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					all.put(m.name() + " " + pattern, type + "." + handler.getMethod().getName());
				}
			}
		});
		return all;
	}

	// ---------------------------------------------------------------- identity, throttling, cookies

	/**
	 * DOMAIN §9: every role of the unit complained about sees the report (it concerns them) but never its
	 * reporter: not in the detail, the list, the export, the staff page, nor through a reveal or the materials.
	 */
	@Test
	void noRoleOfTheUnitComplainedAboutEverSeesTheReportersIdentity() {
		Side own = sides.get(Scope.OWN);
		long id = own.report().id();
		for (Role role : Role.values()) {
			StaffPrincipal inside = fixtures.user(own.hospital(), role);
			Agent agent = new Agent(port);
			agent.signIn(inside.username(), Fixtures.PASSWORD);
			Answer detail = agent.send(Agent.Call.api("GET", "/api/v1/matters/" + id));
			assertThat(detail.status()).as(role + " sees the matter").isEqualTo(200);
			assertThat(detail.body()).as(role.name()).doesNotContain(NAME).contains("\"identityMasked\":true");
			assertThat(agent.send(Agent.Call.api("GET", "/api/v1/matters?size=100")).body()).as(role.name()).doesNotContain(NAME);
			assertThat(agent.send(Agent.Call.page("GET", "/staff/matters/" + id)).body()).as(role.name()).doesNotContain(NAME);
			assertThat(agent.send(Agent.Call.page("GET", "/staff/matters")).body()).as(role.name()).doesNotContain(NAME);
			Answer export = agent.send(Agent.Call.api("GET", "/api/v1/matters/export.xlsx")
				.header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
			assertThat(export.status()).isEqualTo(200);
			assertThat(export.body()).as(role.name()).doesNotContain(NAME);
			Answer reveal = agent.send(Agent.Call.api("POST", "/api/v1/matters/" + id + "/identity-reveals")
				.json("{\"reason\":\"核实情况\"}"));
			assertThat(reveal.status()).as(role + " may not reveal").isEqualTo(403);
			assertThat(reveal.body()).doesNotContain(NAME);
			Answer page = agent.send(Agent.Call.page("POST", "/staff/matters/" + id + "/identity-reveals")
				.form(Map.of("reason", "核实情况")));
			assertThat(page.status()).as(role + " may not reveal on the page").isEqualTo(403);
			assertThat(page.body()).doesNotContain(NAME);
		}
		// while the receiving office's registrar, outside, may reveal (and the reveal is audited elsewhere)
		Agent registrar = new Agent(port);
		registrar.signIn(own.registrar().username(), Fixtures.PASSWORD);
		Answer revealed = registrar.send(Agent.Call.api("POST", "/api/v1/matters/" + id + "/identity-reveals")
			.json("{\"reason\":\"核实情况\"}"));
		assertThat(revealed.status()).isEqualTo(201);
		assertThat(revealed.body()).contains(NAME);
	}

	/** Brute force of the login: after five wrong passwords the right one is refused too (JdbcStaffDirectory). */
	@Test
	void theSixthSignInAfterFiveWrongPasswordsIsRefusedEvenWithTheRightOne() {
		StaffPrincipal user = fixtures.user(bureauA, Role.HANDLER);
		Agent agent = new Agent(port);
		agent.anonymous();
		for (int i = 0; i < 5; i++) {
			Answer wrong = agent.send(Agent.Call.page("POST", "/login")
				.form(Map.of("username", user.username(), "password", "wrong-" + i)));
			assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
		}
		Answer right = agent.send(Agent.Call.page("POST", "/login")
			.form(Map.of("username", user.username(), "password", Fixtures.PASSWORD)));
		assertThat(right.status()).isEqualTo(302);
		assertThat(right.headers().firstValue("Location").orElse("")).endsWith("/login?error");
		// and over HTTP Basic
		http.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isUnauthorized();
	}

	/** Brute force of tracking codes: ten failures from one client, then even the right secret is 429. */
	@Test
	void theEleventhTrackingLookUpAfterTenFailuresIsThrottledWithRetryAfter() {
		Matter m = sides.get(Scope.OWN).decided();
		String client = "10.67." + (System.nanoTime() % 250) + ".9";
		Agent agent = new Agent(port);
		agent.anonymous(); // a CSRF token for the portal's form
		for (int i = 0; i < 10; i++) {
			Answer wrong = agent.send(Agent.Call.api("GET", "/api/v1/public/petitions/" + m.code())
				.header("X-Query-Secret", "WRONG" + i).header("X-Forwarded-For", client));
			assertThat(wrong.status()).isEqualTo(404);
		}
		Answer throttled = agent.send(Agent.Call.api("GET", "/api/v1/public/petitions/" + m.code())
			.header("X-Query-Secret", m.secret()).header("X-Forwarded-For", client));
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		// the portal page of the same client is throttled as well
		Answer page = agent.send(Agent.Call.page("POST", "/portal/track")
			.form(Map.of("code", m.code(), "secret", m.secret())).header("X-Forwarded-For", client));
		assertThat(page.status()).isEqualTo(429);
		assertThat(page.headers().firstValue("Retry-After")).isPresent();
	}

	/**
	 * The session cookie is HttpOnly and SameSite=Lax always, and Secure when the request came over TLS: behind
	 * a trusted (private or loopback) proxy that says so with X-Forwarded-Proto.
	 */
	@Test
	void theSessionCookieIsHttpOnlySameSiteAndSecureBehindTls() {
		String plain = sessionCookie(Agent.Call.page("GET", "/login"));
		assertThat(plain).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
		String tls = sessionCookie(Agent.Call.page("GET", "/login").header("X-Forwarded-Proto", "https"));
		assertThat(tls).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Secure");
	}

	String sessionCookie(Agent.Call call) {
		Answer answer = new Agent(port).send(call);
		return answer.headers().allValues("Set-Cookie").stream()
			.filter(c -> c.startsWith("SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no SESSION cookie: " + answer.headers().map()));
	}

	// ---------------------------------------------------------------- set-up helpers

	static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes();

	Matter register(StaffPrincipal registrar, String kind, Unit concerned, String name) {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", name);
		petitioner.put("phone", "1390000" + String.format("%04d", (int) (System.nanoTime() % 10000)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", kind);
		body.put("title", "反映医院收费问题");
		body.put("content", "在医院就诊时被多收费用，请求核查。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", List.of(petitioner));
		body.put("receivedOn", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
		Map<?, ?> answer = post(registrar, "/api/v1/matters", body, 201);
		return new Matter(((Number) answer.get("id")).longValue(), (String) answer.get("trackingCode"),
				(String) answer.get("querySecret"));
	}

	Map<?, ?> post(StaffPrincipal user, String uri, Object body, int status) {
		return http.post().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isEqualTo(status)
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	long upload(StaffPrincipal user, long id) {
		HttpHeaders partHeaders = new HttpHeaders();
		partHeaders.setContentType(MediaType.APPLICATION_PDF);
		ByteArrayResource resource = new ByteArrayResource(PDF) {
			@Override
			public String getFilename() {
				return "evidence.pdf";
			}
		};
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new HttpEntity<>(resource, partHeaders));
		Map<?, ?> info = http.post().uri("/api/v1/matters/" + id + "/attachments")
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange().expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody();
		return ((Number) info.get("id")).longValue();
	}

}
