package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * 不再受理 (Regulation Art. 36) only after the same petitioner's earlier matter on the same facts reached
 * finality: through intake's repeat link, or an earlier matter named by its tracking code.
 */
@XinfangTest
@Import(TimeTravel.class)
class RejectFinalTests {

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	MatterFlow flow;

	Unit hospital;

	Unit otherHospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	StaffPrincipal reviewer;

	StaffPrincipal rereviewer;

	@BeforeEach
	void organisation() {
		clock.travelTo(LocalDate.of(2026, 3, 2));
		flow = new MatterFlow(http);
		Unit commission = fixtures.commission();
		Unit bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		otherHospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
		reviewer = fixtures.user(bureau, Role.REVIEWER);
		rereviewer = fixtures.user(commission, Role.REVIEWER);
	}

	@Test
	void aRepeatOfAMatterDecidedToFinalityIsNotAcceptedAgain() {
		String idNumber = petitioner();
		MatterFlow.Registered earlier = finalMatter(idNumber);
		MatterFlow.Registered repeat = flow.register(registrar, "GRIEVANCE", hospital, null, Map.of("idNumber", idNumber));
		assertThat(((Number) flow.matter(registrar, repeat.id()).get("repeatOfId")).longValue()).isEqualTo(earlier.id());
		flow.act(registrar, repeat.id(), "ASSIGN", Map.of("unitCode", hospital.code()));

		Map<?, ?> rejected = flow.act(head, repeat.id(), "REJECT_FINAL", Map.of("reason", "同一事实和理由已经复核终结"));

		assertThat(rejected.get("status")).isEqualTo("NOT_ACCEPTED_FINAL");
		assertThat(auditTrail.forEntity("matter", repeat.id()))
			.filteredOn(e -> e.action().equals("MATTER_REJECT_FINAL"))
			.singleElement()
			.satisfies(e -> assertThat(e.details()).contains("\"earlierMatter\":" + earlier.id()));
	}

	@Test
	void withoutAFinalEarlierMatterNotAcceptingAgainIsRefused() {
		MatterFlow.Registered fresh = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, fresh.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		Map<?, ?> refused = flow.act(head, fresh.id(), "REJECT_FINAL", Map.of("reason", "重复"), 409);
		assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/no-final-earlier-matter");

		// an earlier matter that was only not accepted (不予受理) never reached finality
		String idNumber = petitioner();
		MatterFlow.Registered rejected = flow.register(registrar, "GRIEVANCE", hospital, null, Map.of("idNumber", idNumber));
		flow.act(registrar, rejected.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, rejected.id(), "REJECT", Map.of("reason", "不属于信访事项"));
		MatterFlow.Registered repeat = flow.register(registrar, "GRIEVANCE", hospital, null, Map.of("idNumber", idNumber));
		assertThat(((Number) flow.matter(registrar, repeat.id()).get("repeatOfId")).longValue()).isEqualTo(rejected.id());
		flow.act(registrar, repeat.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, repeat.id(), "REJECT_FINAL", Map.of("reason", "重复"), 409);
		assertThat(flow.matter(head, repeat.id()).get("status")).isEqualTo("ASSIGNED");
	}

	@Test
	void theEarlierMatterMayBeNamedByItsTrackingCodeWhenItIsTheSamePetitioners() {
		String idNumber = petitioner();
		MatterFlow.Registered earlier = finalMatter(idNumber);
		MatterFlow.Registered someoneElses = finalMatter(petitioner());
		// filed against another unit, so intake did not link it
		MatterFlow.Registered later = flow.register(registrar, "GRIEVANCE", otherHospital, null,
				Map.of("idNumber", idNumber));
		assertThat(flow.matter(registrar, later.id()).get("repeatOfId")).isNull();
		flow.act(registrar, later.id(), "ASSIGN", Map.of("unitCode", hospital.code()));

		Map<?, ?> invalid = flow.act(head, later.id(), "REJECT_FINAL",
				Map.of("reason", "重复", "earlierTrackingCode", someoneElses.code()), 400);
		assertThat(invalid.toString()).contains("earlierTrackingCode");
		flow.act(head, later.id(), "REJECT_FINAL", Map.of("reason", "重复"), 409);

		assertThat(flow.act(head, later.id(), "REJECT_FINAL",
				Map.of("reason", "同一事实和理由已经复核终结", "earlierTrackingCode", earlier.code())).get("status"))
			.isEqualTo("NOT_ACCEPTED_FINAL");
	}

	private static String petitioner() {
		return String.format("5201031990%08d", System.nanoTime() % 100_000_000);
	}

	private MatterFlow.Registered finalMatter(String idNumber) {
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null, Map.of("idNumber", idNumber));
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "NOT_SUPPORTED", "text", "诉求缺乏依据。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", "2026-03-02"));
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服"), 200);
		flow.act(reviewer, m.id(), "DECIDE_REVIEW", Map.of("outcome", "UPHOLD", "text", "维持"));
		flow.actAsPetitioner(m, "REQUEST_REREVIEW", Map.of("reason", "仍不服"), 200);
		assertThat(flow.act(rereviewer, m.id(), "DECIDE_REREVIEW", Map.of("outcome", "UPHOLD", "text", "维持复查意见"))
			.get("status")).isEqualTo("FINAL");
		return m;
	}
}
