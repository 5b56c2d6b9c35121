package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** Staff search over titles and contents: Chinese words inside running text, within the user's data scope. */
@XinfangTest
class MatterSearchApiTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Test
	void twoCharacterWordsMatchInsideRunningTextWithinTheScope() {
		Unit commission = fixtures.commission();
		Unit county = fixtures.bureauUnder(commission);
		Unit otherCounty = fixtures.bureauUnder(commission);
		StaffPrincipal registrar = fixtures.user(county, Role.REGISTRAR);
		StaffPrincipal otherRegistrar = fixtures.user(otherCounty, Role.REGISTRAR);
		String insurance = register(registrar, county, "异地就医报销困难", "在外地住院后回乡办理医保报销，材料反复退回。");
		String charges = register(registrar, county, "住院费用有疑问", "出院结算清单里有乱收费现象，请求核查。");
		String other = register(otherRegistrar, otherCounty, "医保窗口排队太久", "县医保中心窗口少，排队半天。");

		assertThat(search(registrar, "医保")).contains(insurance).doesNotContain(charges, other);
		assertThat(search(registrar, "收费")).contains(charges).doesNotContain(insurance);
		assertThat(search(registrar, "医保 报销")).contains(insurance);
		assertThat(search(registrar, "报医")).isEmpty();
		// the other county's matter is found only by its own staff
		assertThat(search(otherRegistrar, "医保")).contains(other).doesNotContain(insurance);
		// nothing searchable typed: no text filter
		assertThat(search(registrar, "，。")).contains(insurance, charges);
	}

	@Test
	void aRepeatedSearchFindsTheSameMattersInEachUsersScope() {
		// a search of the whole scope is counted with a reused plan (JdbcMatterQueries.countSettings): the driver
		// prepares a statement on the server after five uses on a connection, and the plan made then must still
		// take each request's own word and scope
		Unit commission = fixtures.commission();
		Unit county = fixtures.bureauUnder(commission);
		Unit otherCounty = fixtures.bureauUnder(commission);
		StaffPrincipal registrar = fixtures.user(county, Role.REGISTRAR);
		StaffPrincipal otherRegistrar = fixtures.user(otherCounty, Role.REGISTRAR);
		StaffPrincipal supervisor = fixtures.user(commission, Role.SUPERVISOR);
		String clinic = register(registrar, county, "乡镇卫生院药品价格偏高", "卫生院药品价格比县城药店高出一截。");
		String water = register(otherRegistrar, otherCounty, "饮用水浑浊", "村里饮用水发黄，卫生院说不归他们管。");
		for (int round = 0; round < 12; round++) {
			assertThat(search(registrar, "卫生院")).containsExactly(clinic);
			assertThat(search(otherRegistrar, "卫生院")).containsExactly(water);
			assertThat(search(supervisor, "卫生院")).containsExactlyInAnyOrder(clinic, water);
			assertThat(search(registrar, "药品价格")).containsExactly(clinic);
			assertThat(search(otherRegistrar, "药品价格")).isEmpty();
			assertThat(search(supervisor, "饮用水")).containsExactly(water);
			assertThat(search(supervisor, "价格药品")).isEmpty();
		}
	}

	private String register(StaffPrincipal registrar, Unit concerned, String title, String content) {
		Map<String, Object> body = StaffIntakeTests.matter("LETTER", "GRIEVANCE", concerned);
		body.put("title", title);
		body.put("content", content);
		Map<?, ?> created = http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) created.get("trackingCode");
	}

	private List<String> search(StaffPrincipal user, String q) {
		Map<?, ?> page = http.get().uri(b -> b.path("/api/v1/matters").queryParam("q", q).queryParam("size", 100).build())
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<?>) page.get("items")).stream().map(i -> (String) ((Map<?, ?>) i).get("trackingCode")).toList();
	}
}
