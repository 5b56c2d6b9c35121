package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The Excel export of the staff list (PIPL: ID numbers masked in exports, exports logged; DOMAIN §9): read back
 * with Apache POI, cell by cell.
 */
@XinfangTest
class MatterExportTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	@Test
	void exportHasTheFilteredScopeWithIdNumbersMaskedProtectedPetitionersHiddenAndIsAudited() throws IOException {
		Unit commission = fixtures.commission();
		Unit bureau = fixtures.bureauUnder(commission);
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD);
		StaffPrincipal stranger = fixtures.user(fixtures.bureauUnder(commission), Role.REGISTRAR);
		Map<String, Object> plain = StaffIntakeTests.matter("VISIT", "PROPOSAL", hospital);
		plain.put("title", "建议增设夜间门诊");
		plain.put("content", "上班族白天看病不便。");
		String plainCode = register(registrar, plain);
		Map<String, Object> complaint = StaffIntakeTests.matter("LETTER", "GRIEVANCE", hospital);
		complaint.put("title", "投诉夜间门诊收费");
		complaint.put("content", "收费过高。");
		complaint.put("concernedUnitComplainedAbout", true);
		String complaintCode = register(registrar, complaint);
		Map<String, Object> other = StaffIntakeTests.matter("PHONE", "PROPOSAL", hospital);
		other.put("title", "建议改善停车");
		other.put("content", "医院停车场车位不足。");
		register(registrar, other);

		List<List<String>> rows = rows(export(registrar, "/api/v1/matters/export.xlsx?q=门诊&sort=RECEIVED"));
		assertThat(rows.get(0)).startsWith("查询码", "收到日期", "标题", "渠道", "类型", "信访人", "身份证号码");
		assertThat(rows).hasSize(3);
		List<String> complaintRow = rows.get(1);
		List<String> plainRow = rows.get(2);
		assertThat(complaintRow.get(0)).isEqualTo(complaintCode);
		assertThat(complaintRow.get(5)).isEqualTo("***");
		assertThat(complaintRow.get(6)).isEmpty();
		assertThat(plainRow.get(0)).isEqualTo(plainCode);
		assertThat(plainRow.subList(2, 6)).containsExactly("建议增设夜间门诊", "来访", "建议意见", "张三");
		String id = (String) plain.get("_id");
		assertThat(plainRow.get(6)).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
		assertThat(String.join("|", rows.stream().flatMap(List::stream).toList()))
			.doesNotContain(id, (String) complaint.get("_id"));

		assertThat(auditTrail.forEntity("matter-export", registrar.username())).singleElement().satisfies(e -> {
			assertThat(e.action()).isEqualTo("MATTERS_EXPORTED");
			assertThat(e.actor()).isEqualTo(registrar.username());
			assertThat(e.details()).contains("\"q\":\"门诊\"").contains("\"sort\":\"RECEIVED\"").contains("\"rows\":2");
		});

		// the unit complained about exports the complaint without its petitioner; another county gets nothing
		List<List<String>> hospitalRows = rows(export(hospitalHead, "/api/v1/matters/export.xlsx?kind=GRIEVANCE"));
		assertThat(hospitalRows).hasSize(2);
		assertThat(hospitalRows.get(1).get(0)).isEqualTo(complaintCode);
		assertThat(hospitalRows.get(1).get(5)).isEqualTo("***");
		assertThat(rows(export(stranger, "/api/v1/matters/export.xlsx"))).hasSize(1);
		assertThat(auditTrail.forEntity("matter-export", stranger.username())).singleElement()
			.satisfies(e -> assertThat(e.details()).contains("\"rows\":0"));
	}

	static List<List<String>> rows(byte[] xlsx) throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = book.getSheetAt(0);
			DataFormatter format = new DataFormatter();
			List<List<String>> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getLastCellNum(); c++) {
					cells.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
				}
				rows.add(cells);
			}
			return rows;
		}
	}

	byte[] export(StaffPrincipal user, String uri) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			.expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith("attachment").contains(".xlsx"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	String register(StaffPrincipal registrar, Map<String, Object> body) {
		return (String) http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("trackingCode");
	}
}
