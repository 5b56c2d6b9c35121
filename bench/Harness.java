import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness of issue #4: loads generated data and measures the running application over HTTP.
 * One file, JDK 17 and the PostgreSQL JDBC driver only, run with the source launcher:
 *
 * <pre>
 * java -cp postgresql.jar bench/Harness.java load --jdbc URL --user U --password P --matters N
 * java -cp postgresql.jar bench/Harness.java B2 --jdbc URL --user U --password P --base-url http://localhost:18080
 * </pre>
 *
 * Every command prints its figures as its last line, {@code NAME key=value …}. Staff sign in once — through the
 * login form (session cookie; B2–B4) or for an API bearer token (B1) — so password hashing is not on the measured
 * path.
 */
public class Harness {

	static final String PASSWORD = "xinfang-bench";

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** Words of two to four characters searched by B3: frequent, rare, and absent from the data. */
	static final List<String> WORDS = List.of("医院", "收费", "医保", "报销", "疫苗", "护士", "手术", "病历", "红包", "挂号",
			"急诊", "体检", "卫生院", "并发症", "药品价格", "回扣", "分娩", "乡村医生", "医疗废物", "饮用水", "无证行医", "慢病卡",
			"停车", "鉴定", "火箭", "地铁站");

	/**
	 * Secondary indexes of {@code matter}, of the other loaded tables and of the scope read model
	 * {@code matter_scope_entry} (V26, filled after the load) that the generator never reads and that are built
	 * much faster at once than row by row: dropped while loading (their definitions kept in {@code xf_bench.dropped_index}, so that
	 * a load that fails half-way restores them on the next run) and created again afterwards.
	 */
	static final List<String> BULK_INDEXES = List.of("matter_search_open_s0_idx", "matter_search_open_s1_idx",
			"matter_search_open_s2_idx", "matter_search_open_s3_idx", "matter_search_open_s4_idx",
			"matter_search_open_s5_idx", "matter_search_protected_s0_idx", "matter_search_protected_s1_idx",
			"matter_search_protected_s2_idx", "matter_search_protected_s3_idx", "matter_search_protected_s4_idx",
			"matter_search_protected_s5_idx", "matter_scope_idx",
			"matter_queue_scope_idx", "matter_deadline_scope_idx", "matter_received_on_idx",
			"matter_delivered_on_idx", "matter_scope_entry_order_idx", "matter_scope_entry_queue_idx",
			// the B-tree indexes of the loaded tables other than primary keys and unique constraints: maintained row
			// by row they were 15 % of a chunk's time (keys at random places: tracking codes, phones, due dates)
			"matter_concerned_unit_idx", "matter_handling_unit_idx", "matter_next_due_idx", "matter_open_scope_idx",
			"matter_received_at_idx", "matter_receiving_unit_idx", "matter_registered_idx", "matter_repeat_of_idx",
			"matter_deadline_due_idx", "matter_deadline_evaluation_idx", "matter_deadline_met_in_time_idx",
			"matter_deadline_overdue_idx", "matter_deadline_pending_idx", "matter_deadline_ran_out_idx",
			"matter_event_matter_idx", "petitioner_id_number_idx", "petitioner_phone_name_idx");

	/**
	 * The tables the generator writes. Their foreign keys are checked row by row by PostgreSQL's referential
	 * triggers (14 % of a chunk's time, most of it for the timeline's events, about eight per matter); on a bench-only
	 * database they are dropped while loading (definitions kept in {@code xf_bench.dropped_constraint}) and added
	 * again afterwards, which checks every row once, set-based: a load that broke one would fail there.
	 */
	static final List<String> LOADED_TABLES = List.of("matter", "petitioner", "matter_deadline", "matter_event",
			"matter_review", "matter_scope_entry");

	final Map<String, String> options;

	Harness(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: Harness load|B1|B2|B3|B4|smoke [--option value]...");
			System.exit(2);
		}
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		Harness h = new Harness(options);
		String line = switch (args[0]) {
			case "load" -> h.load();
			case "B1" -> h.b1();
			case "B2" -> h.b2();
			case "B3" -> h.b3();
			case "B4" -> h.b4();
			case "smoke" -> h.smoke();
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		};
		System.out.println(line);
	}

	String opt(String name, String fallback) {
		return options.getOrDefault(name, fallback);
	}

	long matters() {
		return Long.parseLong(opt("matters", "1000000"));
	}

	double seconds() {
		return Double.parseDouble(opt("seconds", "30"));
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(opt("jdbc", "jdbc:postgresql://127.0.0.1:5432/xinfang_bench"),
				opt("user", "xinfang_bench"), opt("password", "xinfang_bench"));
	}

	// --- loading

	/**
	 * Loads N matters unless the database already holds exactly that load. {@code --reset yes} empties the matter
	 * tables of a bench-only database first; without it the matters are appended after the existing ones (the
	 * smoke test's shared database).
	 */
	String load() throws Exception {
		long n = matters();
		int threads = Integer.parseInt(opt("threads", "2"));
		int chunk = Integer.parseInt(opt("chunk", "10000"));
		boolean reset = "yes".equals(opt("reset", "no"));
		LocalDate today = LocalDate.now(ZONE);
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute(Files.readString(Path.of(opt("generator", "bench/generator.sql"))));
			Long loaded = single(c, "SELECT matters FROM xf_bench.meta", Long.class);
			if (loaded != null && loaded == n) {
				Double secs = single(c, "SELECT load_seconds::float8 FROM xf_bench.meta", Double.class);
				return "LOAD matters=" + n + " reused=true load_seconds=" + fmt(secs);
			}
			if (reset) {
				s.execute("SELECT xf_bench.reset()");
			}
			s.execute("SELECT xf_bench.load_org()");
		}
		long started = System.nanoTime();
		long base;
		try (Connection c = connect(); Statement s = c.createStatement()) {
			base = single(c, "SELECT coalesce(max(id), 0) FROM matter", Long.class);
			// the trigger keeping matter.next_due_date fires per deadline row; the loader sets the same minimum once
			s.execute("ALTER TABLE matter_deadline DISABLE TRIGGER matter_deadline_next_due");
			// the scope read model (V26) is filled once, set-based, after the load instead of by a trigger per matter
			// (15 % of a chunk's time with the trigger); the same statement as V26's backfill
			s.execute("ALTER TABLE matter DISABLE TRIGGER matter_scope_entry_on_insert");
			// the generator stores each matter's scope itself (V14's function once per distinct triple of units)
			s.execute("ALTER TABLE matter DISABLE TRIGGER matter_scope_on_insert");
			// the indicator months' generation triggers (V30) fire per matter and deadline row; a load changes every
			// month, so the loader drops the whole read model afterwards instead (the next request of a month builds it)
			s.execute("ALTER TABLE matter DISABLE TRIGGER indicator_month_on_matter_insert");
			s.execute("ALTER TABLE matter_deadline DISABLE TRIGGER indicator_month_on_deadline_change");
			// a GIN index is built much faster at once than row by row: on a bench-only database it is dropped
			// while loading and created again, with the definition of the migration, afterwards
			if (reset) {
				s.execute("CREATE TABLE IF NOT EXISTS xf_bench.dropped_index "
						+ "(name TEXT PRIMARY KEY, definition TEXT NOT NULL)");
				try (PreparedStatement p = c.prepareStatement("""
						INSERT INTO xf_bench.dropped_index SELECT indexname, indexdef FROM pg_indexes
						WHERE schemaname = current_schema() AND tablename = ANY (?) AND indexname = ANY (?)
						ON CONFLICT (name) DO NOTHING
						""")) {
					p.setArray(1, c.createArrayOf("text", LOADED_TABLES.toArray()));
					p.setArray(2, c.createArrayOf("text", BULK_INDEXES.toArray()));
					p.execute();
				}
				for (String index : BULK_INDEXES) {
					s.execute("DROP INDEX IF EXISTS " + index);
				}
				s.execute("CREATE TABLE IF NOT EXISTS xf_bench.dropped_constraint "
						+ "(name TEXT PRIMARY KEY, table_name TEXT NOT NULL, definition TEXT NOT NULL)");
				try (PreparedStatement p = c.prepareStatement("""
						INSERT INTO xf_bench.dropped_constraint
						SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint
						WHERE contype = 'f' AND conrelid::regclass::text = ANY (?)
						ON CONFLICT (name) DO NOTHING
						""")) {
					p.setArray(1, c.createArrayOf("text", LOADED_TABLES.toArray()));
					p.execute();
				}
				List<String[]> foreignKeys = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("SELECT table_name, name FROM xf_bench.dropped_constraint")) {
					while (rs.next()) {
						foreignKeys.add(new String[] { rs.getString(1), rs.getString(2) });
					}
				}
				for (String[] fk : foreignKeys) {
					s.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT IF EXISTS " + fk[1]);
				}
			}
		}
		AtomicLong done = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (long lo = 1; lo <= n; lo += chunk) {
				long from = lo;
				long to = Math.min(n, lo + chunk - 1);
				work.add(pool.submit(() -> {
					try (Connection c = connect();
							PreparedStatement p = c.prepareStatement("SELECT xf_bench.load_matters(?, ?, ?, ?, ?)")) {
						p.setLong(1, from);
						p.setLong(2, to);
						p.setLong(3, base);
						p.setObject(4, today);
						p.setLong(5, n);
						p.execute();
						long total = done.addAndGet(to - from + 1);
						if (total % (chunk * 10L) == 0 || total == n) {
							System.err.printf(Locale.ROOT, "loaded %d of %d matters in %.0f s%n", total, n,
									(System.nanoTime() - started) / 1e9);
						}
					}
					return null;
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
			try (Connection c = connect(); Statement s = c.createStatement()) {
				s.execute("ALTER TABLE matter_deadline ENABLE TRIGGER matter_deadline_next_due");
				s.execute("ALTER TABLE matter ENABLE TRIGGER matter_scope_entry_on_insert");
				s.execute("ALTER TABLE matter ENABLE TRIGGER matter_scope_on_insert");
				s.execute("INSERT INTO matter_scope_entry (unit_id, matter_id, status, next_due_date, received_at) "
						+ "SELECT DISTINCT u.id, m.id, m.status, m.next_due_date, m.received_at "
						+ "FROM matter m, unnest(m.scope_unit_ids) AS u (id) WHERE m.id > " + base);
				s.execute("ALTER TABLE matter ENABLE TRIGGER indicator_month_on_matter_insert");
				s.execute("ALTER TABLE matter_deadline ENABLE TRIGGER indicator_month_on_deadline_change");
				s.execute("DELETE FROM indicator_month");
				long t = System.nanoTime();
				if (single(c, "SELECT 1 FROM pg_class WHERE relname = 'dropped_index' AND relnamespace = "
						+ "'xf_bench'::regnamespace", Integer.class) != null) {
					List<String> definitions = new ArrayList<>();
					try (ResultSet rs = s.executeQuery(
							"SELECT definition FROM xf_bench.dropped_index ORDER BY definition LIKE '%USING gin%' DESC, name")) {
						while (rs.next()) {
							definitions.add(rs.getString(1));
						}
					}
					// one index per session at a time, as many sessions as the load used (CREATE INDEX takes a SHARE
					// lock: builds on the same table run side by side); the GIN indexes, the longest, first
					inParallel(threads, definitions, "SET maintenance_work_mem = '1GB'");
					s.execute("DELETE FROM xf_bench.dropped_index");
				}
				System.err.printf(Locale.ROOT, "indexes built in %.0f s%n", (System.nanoTime() - t) / 1e9);
				t = System.nanoTime();
				if (single(c, "SELECT 1 FROM pg_class WHERE relname = 'dropped_constraint' AND relnamespace = "
						+ "'xf_bench'::regnamespace", Integer.class) != null) {
					List<String> additions = new ArrayList<>();
					try (ResultSet rs = s.executeQuery(
							"SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', table_name, name, definition) "
									+ "FROM xf_bench.dropped_constraint ORDER BY name")) {
						while (rs.next()) {
							additions.add(rs.getString(1));
						}
					}
					// each addition locks the referenced table against the others: one session
					for (String addition : additions) {
						s.execute(addition);
					}
					s.execute("DELETE FROM xf_bench.dropped_constraint");
				}
				System.err.printf(Locale.ROOT, "foreign keys checked in %.0f s%n", (System.nanoTime() - t) / 1e9);
			}
		}
		double loadSeconds = (System.nanoTime() - started) / 1e9;
		inParallel(threads, List.of("VACUUM ANALYZE matter", "VACUUM ANALYZE matter_event",
				"VACUUM ANALYZE petitioner, matter_review, unit, app_user", "VACUUM ANALYZE matter_deadline"), null);
		double total = (System.nanoTime() - started) / 1e9;
		try (Connection c = connect(); PreparedStatement p = c.prepareStatement("SELECT xf_bench.finish(?, ?, ?::numeric, ?)")) {
			p.setLong(1, n);
			p.setLong(2, base + 1);
			p.setDouble(3, total);
			p.setObject(4, today);
			p.execute();
		}
		return "LOAD matters=" + n + " reused=false insert_seconds=" + fmt(loadSeconds) + " load_seconds=" + fmt(total)
				+ " matters_per_s=" + fmt(n / total);
	}

	/** Runs the statements on {@code threads} sessions, each statement once, the next free session taking the next. */
	void inParallel(int threads, List<String> statements, String setup) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			AtomicLong next = new AtomicLong();
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				work.add(pool.submit(() -> {
					try (Connection c = connect(); Statement s = c.createStatement()) {
						if (setup != null) {
							s.execute(setup);
						}
						for (long k; (k = next.getAndIncrement()) < statements.size();) {
							s.execute(statements.get((int) k));
						}
					}
					return null;
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	static <T> T single(Connection c, String sql, Class<T> type) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			return rs.next() ? rs.getObject(1, type) : null;
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) { // no such table yet
				return null;
			}
			throw ex;
		}
	}

	// --- B1: full lifecycles over HTTP, and B1-limit: the same SQL through pgbench; B5: the application's memory

	/** The institutions whose staff handle B1's matters; the registrar is their county bureau's. */
	static final String B1_UNITS = "SELECT code FROM unit WHERE code ~ '^BENCH[0-9]+-(RMYY|ZYY|CDC|FYBJ|XZ0[1-4])$' "
			+ "ORDER BY code";

	/** The steps of one lifecycle, in order: one HTTP request each. */
	static final List<String> B1_STEPS = List.of("REGISTER", "ASSIGN", "ACCEPT", "ASSIGN_HANDLER", "DRAFT_REPLY",
			"APPROVE_REPLY", "DELIVER", "EVALUATE");

	static final Pattern TRACKING = Pattern.compile("\"trackingCode\":\"([^\"]+)\"");

	static final Pattern SECRET = Pattern.compile("\"querySecret\":\"([^\"]+)\"");

	/**
	 * Many concurrent clients each run whole lifecycles: a county registrar registers a matter about one of the
	 * county's institutions and assigns it there; the institution's head accepts it and names a handler; the
	 * handler drafts the reply; the head approves and delivers it; the petitioner evaluates it on the public API
	 * with the tracking code and query secret. Staff take a bearer token once ({@code POST /api/v1/auth/tokens}).
	 * Then, unless {@code --pgbench no}, B1-limit: the same statements as a pgbench script, same client count.
	 * {@code --app-pid} (default: the parent process, i.e. the smoke test's JVM) is sampled for B5.
	 */
	String b1() throws Exception {
		warmups.clear();
		jitSettled = true;
		String base = opt("base-url", "http://localhost:18080");
		List<String> institutions = usernames(B1_UNITS);
		LocalDate today = LocalDate.now(ZONE);
		Map<String, Client> tokens = new java.util.concurrent.ConcurrentHashMap<>();
		List<Team> teams = new ArrayList<>();
		for (int i = 0; i < clients(); i++) {
			String inst = institutions.get(i % institutions.size());
			String county = inst.substring(0, inst.indexOf('-'));
			Client registrar = token(tokens, base, county.toLowerCase(Locale.ROOT) + "-registrar");
			Client head = token(tokens, base, inst.toLowerCase(Locale.ROOT) + "-unit_head");
			String handlerName = inst.toLowerCase(Locale.ROOT) + "-handler1";
			Client handler = token(tokens, base, handlerName);
			teams.add(new Team(inst, handlerName, registrar, head, handler, Client.anonymous(base)));
		}
		Map<String, Latencies> perStep = new java.util.LinkedHashMap<>();
		B1_STEPS.forEach(step -> perStep.put(step, new Latencies()));
		Latencies all = new Latencies();
		AtomicLong lifecycles = new AtomicLong();
		AtomicLong sequence = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L));
		Sampler memory = new Sampler(appPid());
		memory.start();
		double measuredSeconds;
		CpuMeter cpu = new CpuMeter(memory.pid);
		try {
			measuredSeconds = phases(teams, cpu::start, team -> {
				boolean measuring = team.registrar.measuring;
				long t0 = System.nanoTime();
				String reg = null;
				for (int attempt = 0; attempt < 5 && reg == null; attempt++) {
					// a new petitioner each time: the same one on an open matter would be a repeat (no new matter)
					long n = sequence.incrementAndGet() % 100_000_000L;
					String answer = team.registrar.post("/api/v1/matters", """
							{"channel":"LETTER","kind":"GRIEVANCE","title":"B1 反映医院收费问题",
							 "content":"在医院就诊时被多收费用，请求核查并退还多收部分。","categoryCode":"CHARGES",
							 "concernedUnitCode":"%s","petitioners":[{"name":"王五","idNumber":"5201031985%08d"}]}
							""".formatted(team.institution, n), perStep.get("REGISTER"), all);
					reg = SECRET.matcher(answer).find() ? answer : null;
				}
				if (reg == null) {
					throw new IllegalStateException("five registrations in a row were taken for repeats");
				}
				long id = ids(reg).get(0);
				Matcher code = TRACKING.matcher(reg);
				Matcher secret = SECRET.matcher(reg);
				code.find();
				secret.find();
				String actions = "/api/v1/matters/" + id + "/actions/";
				team.registrar.post(actions + "ASSIGN", "{\"unitCode\":\"" + team.institution + "\"}",
						perStep.get("ASSIGN"), all);
				team.head.post(actions + "ACCEPT", "{}", perStep.get("ACCEPT"), all);
				team.head.post(actions + "ASSIGN_HANDLER", "{\"username\":\"" + team.handlerName + "\"}",
						perStep.get("ASSIGN_HANDLER"), all);
				team.handler.post(actions + "DRAFT_REPLY",
						"{\"outcome\":\"SUPPORTED\",\"text\":\"经核查，多收费用属实，已责成医院退还。\"}", perStep.get("DRAFT_REPLY"),
						all);
				team.head.post(actions + "APPROVE_REPLY", "{}", perStep.get("APPROVE_REPLY"), all);
				team.head.post(actions + "DELIVER", "{\"method\":\"PORTAL\",\"deliveredOn\":\"" + today + "\"}",
						perStep.get("DELIVER"), all);
				team.citizen.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/petitions/" + code.group(1)
						+ "/actions/EVALUATE"))
					.header("Content-Type", "application/json")
					.header("X-Query-Secret", secret.group(1))
					.POST(HttpRequest.BodyPublishers.ofString("{\"rating\":\"SATISFIED\"}"))
					.build(), perStep.get("EVALUATE"), all);
				if (measuring) {
					lifecycles.incrementAndGet();
				}
			});
		}
		finally {
			memory.stop();
		}
		cpu.stop();
		// B1's matters are not generated ones: the meta row counts them apart, so the reuse check still holds
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("UPDATE xf_bench.meta SET b1_lifecycles = b1_lifecycles + " + lifecycles.get());
		}
		catch (SQLException ex) {
			if (!"42P01".equals(ex.getSQLState())) {
				throw ex;
			}
		}
		double rate = lifecycles.get() / measuredSeconds;
		StringBuilder line = new StringBuilder("B1 matters=" + matters() + " clients=" + clients()
				+ " lifecycles=" + lifecycles.get() + " lifecycles_per_s=" + fmt(rate) + " p50_ms=" + all.p(50)
				+ " p99_ms=" + all.p(99) + " requests=" + all.count() + warmupFigures()
				+ cpu.perLifecycle(lifecycles.get()));
		perStep.forEach((step, l) -> line.append(' ').append(step.toLowerCase(Locale.ROOT)).append("_p99_ms=")
			.append(l.p(99)));
		String b5 = "B5 matters=" + matters() + " clients=" + clients() + " app_pid=" + memory.pid + " peak_heap_mb="
				+ memory.peakHeapMb() + " peak_rss_mb=" + memory.peakRssMb() + " rss_hwm_mb=" + memory.hwmMb()
				+ " samples=" + memory.samples;
		System.out.println(b5);
		if ("no".equals(opt("pgbench", "yes"))) {
			line.append(" limit_lifecycles_per_s=skipped limit_ratio=skipped");
		}
		else {
			double limit = pgbenchLimit(measuredSeconds);
			line.append(" limit_lifecycles_per_s=").append(fmt(limit)).append(" limit_ratio=")
				.append(String.format(Locale.ROOT, "%.3f", rate / limit)).append(" limit_db_cpu_ms_per_lifecycle=")
				.append(limitDbCpuMs < 0 ? "skipped" : fmt(limitDbCpuMs));
		}
		return line.toString();
	}

	/** The staff members of one B1 client: registrar, institution head and handler, and the petitioner. */
	record Team(String institution, String handlerName, Client registrar, Client head, Client handler,
			Client citizen) {

		void measuring(boolean on) {
			registrar.measuring = on;
			head.measuring = on;
			handler.measuring = on;
			citizen.measuring = on;
		}
	}

	interface TeamStep {
		void run(Team team) throws Exception;
	}

	/** Warm-up, then --seconds measured, calling {@code measuredStart} just before it; answers its wall time. */
	double phases(List<Team> teams, Runnable measuredStart, TeamStep step) throws Exception {
		warmUp(seconds -> drive(teams, false, seconds, step));
		measuredStart.run();
		return drive(teams, true, warmupOff() ? 0 : seconds(), step);
	}

	/** Every team works until {@code seconds} have passed (at least one lifecycle each); answers the wall time. */
	double drive(List<Team> teams, boolean measuring, double seconds, TeamStep step) throws Exception {
		return drive(teams, team -> team.measuring(measuring), seconds, step::run);
	}

	interface Work<W> {
		void run(W worker) throws Exception;
	}

	/**
	 * Each worker in a thread of its own repeats {@code work} until {@code seconds} have passed (at least once), after
	 * {@code prepare}; answers the wall time.
	 */
	static <W> double drive(List<W> workers, java.util.function.Consumer<W> prepare, double seconds, Work<W> work)
			throws Exception {
		long start = System.nanoTime();
		long end = start + (long) (seconds * 1e9);
		ExecutorService pool = Executors.newFixedThreadPool(workers.size());
		List<Future<?>> running = new ArrayList<>();
		for (W worker : workers) {
			prepare.accept(worker);
			running.add(pool.submit(() -> {
				do {
					work.run(worker);
				}
				while (System.nanoTime() < end);
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		pool.shutdown();
		return (System.nanoTime() - start) / 1e9;
	}

	interface Slice {
		void run(double seconds) throws Exception;
	}

	/** With {@code --warmup jit}: the compiler threads' share of the application's CPU that counts as settled. */
	static final double JIT_SETTLED_SHARE = 0.05;

	/** The seconds of each warm-up so far (B2 has two), for the figures' line. */
	final List<String> warmups = new ArrayList<>();

	/** With {@code --warmup jit}: whether every warm-up so far reached the settled share. */
	boolean jitSettled = true;

	boolean warmupOff() {
		String warmup = opt("warmup", "5");
		return !"jit".equals(warmup) && Double.parseDouble(warmup) == 0;
	}

	/** {@code warmup_s=…} for a figures' line: each warm-up's seconds, and with {@code jit} whether all settled. */
	String warmupFigures() {
		return " warmup_s=" + String.join(",", warmups)
				+ ("jit".equals(opt("warmup", "5")) ? " jit_settled=" + (jitSettled ? "yes" : "no") : "");
	}

	/**
	 * The unmeasured load before a measurement: {@code --warmup S} runs it for S seconds (default 5; 0: none, and
	 * the measured phase is one round). {@code --warmup jit} runs it in slices of 20 s until the application's JIT
	 * compiler threads ({@code C1}/{@code C2 CompilerThread*} in {@code /proc/<app-pid>/task}) used at most 5 % of
	 * the application's CPU during a slice ({@code --warmup-slice}), or for {@code --warmup-max} seconds (default 900): the steady state of a
	 * server that has run for a while, which the first minutes after a start are not (cause 94).
	 */
	void warmUp(Slice slice) throws Exception {
		String warmup = opt("warmup", "5");
		if (!"jit".equals(warmup)) {
			double seconds = Double.parseDouble(warmup);
			if (seconds > 0) {
				slice.run(seconds);
			}
			warmups.add(warmup);
			return;
		}
		long pid = appPid();
		double max = Double.parseDouble(opt("warmup-max", "900"));
		long start = System.nanoTime();
		boolean settled = false;
		double share = 1;
		while (!settled && (System.nanoTime() - start) / 1e9 < max) {
			long compiler = compilerTicks(pid);
			long all = CpuMeter.ticks(pid);
			slice.run(Double.parseDouble(opt("warmup-slice", "20")));
			long used = CpuMeter.ticks(pid) - all;
			share = used <= 0 ? 1 : (double) (compilerTicks(pid) - compiler) / used;
			settled = share <= JIT_SETTLED_SHARE;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.err.printf(Locale.ROOT, "warm-up: %.0f s, JIT compilers %.1f %% of the application's CPU in the last "
				+ "slice (%s)%n", seconds, 100 * share, settled ? "settled" : "not settled");
		warmups.add(fmt(seconds));
		jitSettled &= settled;
	}

	/** The application's process: {@code --app-pid}, else the parent process (the smoke test's JVM). */
	long appPid() {
		return Long.parseLong(opt("app-pid",
				String.valueOf(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L))));
	}

	/** CPU ticks of the JIT compiler threads of a JVM (thread names {@code C1 CompilerThread0}, {@code C2 …}). */
	static long compilerTicks(long pid) throws IOException {
		long ticks = 0;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
						ticks += Math.max(0, CpuMeter.ticks(task.resolve("stat")));
					}
				}
				catch (IOException gone) {
					// the thread ended between the listing and the read
				}
			}
		}
		return ticks;
	}

	static Client token(Map<String, Client> tokens, String base, String username) {
		return tokens.computeIfAbsent(username, u -> {
			try {
				return Client.withToken(base, u);
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * B5: samples the application's resident set ({@code /proc/<pid>/status}: VmRSS, and VmHWM, the kernel's
	 * high-water mark since start) and its used heap ({@code jstat -gc}: survivor, eden and old spaces in use)
	 * every 200 ms while B1 runs.
	 */
	/** Clock ticks per second of {@code /proc/<pid>/stat}'s times ({@code getconf CLK_TCK}; 100 on Linux). */
	static final double CLOCK_TICK = clockTick();

	static double clockTick() {
		try {
			Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
			return Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
	}

	/**
	 * CPU time of the application's process and of the database's client backends over the measured phase, from
	 * {@code /proc/<pid>/stat} (utime + stime): a figure per lifecycle that holds when other work shares the
	 * machine, where the wall-clock rate does not. Backends are found in {@code pg_stat_activity} of the
	 * benchmark's database; only those alive at both ends are counted (the application's pool keeps its own).
	 */
	final class CpuMeter {

		final long appPid;

		long appStart;

		Map<Long, Long> dbStart = Map.of();

		long appTicks = -1;

		long dbTicks;

		CpuMeter(long appPid) {
			this.appPid = appPid;
		}

		void start() {
			appStart = ticks(appPid);
			dbStart = backends();
		}

		void stop() {
			if (appStart < 0) {
				return;
			}
			appTicks = ticks(appPid) - appStart;
			Map<Long, Long> end = backends();
			dbTicks = 0;
			dbStart.forEach((pid, t) -> {
				Long now = end.get(pid);
				if (now != null && now >= 0 && t >= 0) {
					dbTicks += now - t;
				}
			});
		}

		String perLifecycle(long lifecycles) {
			if (appTicks < 0 || lifecycles == 0) {
				return " app_cpu_ms_per_lifecycle=skipped db_cpu_ms_per_lifecycle=skipped";
			}
			return " app_cpu_ms_per_lifecycle=" + fmt(appTicks * 1000 / CLOCK_TICK / lifecycles)
					+ " db_cpu_ms_per_lifecycle=" + fmt(dbTicks * 1000 / CLOCK_TICK / lifecycles);
		}

		Map<Long, Long> backends() {
			Map<Long, Long> found = new HashMap<>();
			try (Connection c = connect(); Statement s = c.createStatement();
					ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
							+ " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
				while (r.next()) {
					found.put(r.getLong(1), ticks(r.getLong(1)));
				}
			}
			catch (SQLException ex) {
				System.err.println("B1 database CPU not measured: " + ex.getMessage());
			}
			return found;
		}

		/** utime + stime of a process in clock ticks; -1 when it cannot be read (not on this machine). */
		static long ticks(long pid) {
			return ticks(Path.of("/proc/" + pid + "/stat"));
		}

		/** utime + stime of a {@code /proc/…/stat} file (a process's or one thread's); -1 when unreadable. */
		static long ticks(Path statFile) {
			try {
				String stat = Files.readString(statFile);
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return Long.parseLong(f[11]) + Long.parseLong(f[12]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

	}

	static final class Sampler {

		final long pid;

		volatile boolean running;

		long maxRssKb;

		long hwmKb;

		double maxHeapKb;

		int samples;

		Thread thread;

		Sampler(long pid) {
			this.pid = pid;
		}

		void start() {
			if (pid <= 0 || !Files.exists(Path.of("/proc/" + pid + "/status"))) {
				return;
			}
			running = true;
			thread = new Thread(() -> {
				Process jstat = null;
				try {
					jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "200").redirectErrorStream(true)
						.start();
					java.io.BufferedReader out = new java.io.BufferedReader(
							new java.io.InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8));
					List<String> header = null;
					String row;
					while (running && (row = out.readLine()) != null) {
						List<String> cells = Arrays.asList(row.trim().split("\\s+"));
						if (cells.contains("EU")) {
							header = cells;
							continue;
						}
						if (header == null || cells.size() != header.size()) {
							continue;
						}
						double used = 0;
						for (String column : List.of("S0U", "S1U", "EU", "OU")) {
							used += Double.parseDouble(cells.get(header.indexOf(column)));
						}
						synchronized (this) {
							maxHeapKb = Math.max(maxHeapKb, used);
							readStatus();
							samples++;
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					System.err.println("B5 sampling stopped: " + ex);
				}
				finally {
					if (jstat != null) {
						jstat.destroy();
					}
				}
			}, "b5-sampler");
			thread.setDaemon(true);
			thread.start();
		}

		void readStatus() throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					maxRssKb = Math.max(maxRssKb, kb(line));
				}
				else if (line.startsWith("VmHWM:")) {
					hwmKb = kb(line);
				}
			}
		}

		static long kb(String line) {
			return Long.parseLong(line.replaceAll("[^0-9]", ""));
		}

		void stop() throws InterruptedException {
			// a short run (the smoke test) may end before jstat's first row: wait for one sample, at most 10 s
			for (int i = 0; i < 100 && thread != null && thread.isAlive() && samples() == 0; i++) {
				Thread.sleep(100);
			}
			running = false;
			if (thread != null) {
				thread.join(2000);
				synchronized (this) {
					try {
						readStatus();
					}
					catch (IOException ex) {
						// the process is gone; keep what was sampled
					}
				}
			}
		}

		synchronized int samples() {
			return samples;
		}

		synchronized String peakHeapMb() {
			return samples == 0 ? "NaN" : fmt(maxHeapKb / 1024);
		}

		synchronized String peakRssMb() {
			return samples == 0 ? "NaN" : fmt(maxRssKb / 1024.0);
		}

		synchronized String hwmMb() {
			return hwmKb == 0 ? "NaN" : fmt(hwmKb / 1024.0);
		}
	}

	// --- B1-limit

	/**
	 * Runs {@code bench/lifecycle.pgbench} — the statements one lifecycle makes the application send, without the
	 * application — with the same client count for the same time, and answers its lifecycles per second (one
	 * pgbench transaction = one lifecycle). In prepared mode ({@code -M prepared}): each statement is planned once
	 * per connection, as the application's driver does for the statements it repeats, so the limit is what
	 * PostgreSQL does rather than what its planner does.
	 */
	/** PostgreSQL's CPU per lifecycle in B1-limit (sampled up to 250 ms before each backend ends: a little low). */
	double limitDbCpuMs = -1;

	double pgbenchLimit(double seconds) throws Exception {
		URI jdbc = URI.create(opt("jdbc", "jdbc:postgresql://127.0.0.1:5432/xinfang_bench").substring(5));
		List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-f", opt("pgbench-script",
				"bench/lifecycle.pgbench"), "-c", String.valueOf(clients()), "-j", String.valueOf(clients()), "-T",
				String.valueOf(Math.max(1, Math.round(seconds))), "-h", jdbc.getHost(), "-p",
				String.valueOf(jdbc.getPort() < 0 ? 5432 : jdbc.getPort()), "-U", opt("user", "xinfang_bench"),
				jdbc.getPath().substring(1)));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", opt("password", "xinfang_bench"));
		Process pgbench = builder.start();
		// the CPU of pgbench's backends, for comparison with the application's (CpuMeter): sampled while they live
		Map<Long, Long> backendTicks = new java.util.concurrent.ConcurrentHashMap<>();
		Thread poller = new Thread(() -> {
			try (Connection c = connect(); PreparedStatement q = c.prepareStatement("SELECT pid FROM pg_stat_activity "
					+ "WHERE datname = current_database() AND application_name = 'pgbench'")) {
				while (pgbench.isAlive()) {
					try (ResultSet r = q.executeQuery()) {
						while (r.next()) {
							long ticks = CpuMeter.ticks(r.getLong(1));
							if (ticks >= 0) {
								backendTicks.merge(r.getLong(1), ticks, Math::max);
							}
						}
					}
					Thread.sleep(250);
				}
			}
			catch (SQLException | InterruptedException ex) {
				backendTicks.clear();
			}
		});
		poller.setDaemon(true);
		poller.start();
		String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (pgbench.waitFor() != 0) {
			throw new IllegalStateException("pgbench failed: " + output);
		}
		poller.join();
		Matcher processed = Pattern.compile("number of transactions actually processed: ([0-9]+)").matcher(output);
		if (processed.find() && !backendTicks.isEmpty() && Long.parseLong(processed.group(1)) > 0) {
			long ticks = backendTicks.values().stream().mapToLong(Long::longValue).sum();
			limitDbCpuMs = ticks * 1000 / CLOCK_TICK / Long.parseLong(processed.group(1));
		}
		Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("no tps in pgbench's output: " + output);
		}
		System.err.print(output);
		return Double.parseDouble(tps.group(1));
	}

	// --- B2: the staff worklist and the matter page

	String b2() throws Exception {
		warmups.clear();
		jitSettled = true;
		// the handlers' work queue (/staff/work: accepted and in-handling matters of their unit, nearest deadline
		// first, page 1), then one of its matters; and a county registrar's list of every matter of the county
		List<String> handlers = usernames("SELECT lower(code) || '-handler1' FROM unit "
				+ "WHERE code ~ '^BENCH[0-9]+-(RMYY|ZYY|CDC|FYBJ|XZ0[1-4])$' ORDER BY code");
		List<String> registrars = usernames("SELECT lower(code) || '-registrar' FROM unit "
				+ "WHERE code ~ '^BENCH[0-9]+$' ORDER BY code");
		Latencies worklist = new Latencies();
		Latencies page = new Latencies();
		Latencies county = new Latencies();
		run(handlers, (client, random) -> {
			List<Long> ids = ids(client.page("/staff/work", worklist), STAFF_LINK);
			if (!ids.isEmpty()) {
				client.get("/api/v1/matters/" + ids.get(random.nextInt(ids.size())), page);
			}
		});
		run(registrars, (client, random) -> client.get("/api/v1/matters?size=20", county));
		return "B2 matters=" + matters() + " clients=" + clients() + " worklist_p50_ms=" + worklist.p(50)
				+ " worklist_p95_ms=" + worklist.p(95) + " worklist_p99_ms=" + worklist.p(99) + " matter_p50_ms="
				+ page.p(50) + " matter_p95_ms=" + page.p(95) + " matter_p99_ms=" + page.p(99) + " county_list_p50_ms="
				+ county.p(50) + " county_list_p95_ms=" + county.p(95) + " requests="
				+ (worklist.count() + page.count() + county.count()) + warmupFigures();
	}

	// --- B3: Chinese full-text search over all matters

	String b3() throws Exception {
		warmups.clear();
		jitSettled = true;
		List<String> users = usernames("SELECT lower(code) || '-supervisor' FROM unit WHERE code = 'BENCH-ZWJW'");
		Latencies search = new Latencies();
		run(users, (client, random) -> {
			String word = WORDS.get(random.nextInt(WORDS.size()));
			client.get("/api/v1/matters?size=20&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8), search);
		});
		return "B3 matters=" + matters() + " clients=" + clients() + " p50_ms=" + search.p(50) + " p95_ms="
				+ search.p(95) + " p99_ms=" + search.p(99) + " requests=" + search.count() + warmupFigures();
	}

	// --- B4: the overdue sweep, and the monthly indicators of DOMAIN §8 for all units

	/**
	 * The overdue job's claim exactly as {@code OverdueNotices} runs it, rolled back so that every round finds
	 * the same work; and the cold case, every open obligation past its date, as a first run would see it.
	 */
	String b4() throws Exception {
		int rounds = Integer.parseInt(opt("rounds", "5"));
		LocalDate today = LocalDate.now(ZONE);
		Latencies sweep = new Latencies();
		Latencies cold = new Latencies();
		long claimed = 0;
		long overdue = 0;
		try (Connection c = connect()) {
			c.setAutoCommit(false);
			for (int i = 0; i < rounds; i++) {
				long t = System.nanoTime();
				try (PreparedStatement p = c.prepareStatement("""
						UPDATE matter_deadline SET overdue_noticed_at = now()
						WHERE met_on IS NULL AND obligation AND overdue_noticed_at IS NULL AND due_date < ?
						RETURNING matter_id, rule_code, due_date
						""")) {
					p.setObject(1, today);
					claimed = 0;
					try (ResultSet rs = p.executeQuery()) {
						while (rs.next()) {
							claimed++;
						}
					}
				}
				sweep.add(System.nanoTime() - t);
				c.rollback();
				t = System.nanoTime();
				try (PreparedStatement p = c.prepareStatement("""
						SELECT d.matter_id, d.rule_code, d.due_date FROM matter_deadline d
						WHERE d.met_on IS NULL AND d.obligation AND d.due_date < ?
						""")) {
					p.setObject(1, today);
					overdue = 0;
					try (ResultSet rs = p.executeQuery()) {
						while (rs.next()) {
							overdue++;
						}
					}
				}
				cold.add(System.nanoTime() - t);
				c.rollback();
			}
		}
		// the indicators of last month for the whole tree, broken down by unit, category and channel, as the top
		// supervisor asks for them over HTTP (GET /api/v1/indicators); one client, one request at a time
		String month = java.time.YearMonth.now(ZONE).minusMonths(1).toString();
		Client supervisor = Client.signIn(opt("base-url", "http://localhost:18080"),
				usernames("SELECT lower(code) || '-supervisor' FROM unit WHERE code = 'BENCH-ZWJW'").get(0));
		Latencies indicators = new Latencies();
		String answer = "";
		// the month's figures are kept in a read model once computed (V30); the first request is made to compute them
		// again, as after a change to the month, and reported apart (indicators_first_ms): the cold case
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("UPDATE indicator_month SET gen = gen + 1 WHERE month = DATE '" + month + "-01'");
		}
		long first = 0;
		for (int i = 0; i < rounds + 1; i++) {
			supervisor.measuring = i > 0; // the first request warms up
			long t = System.nanoTime();
			answer = supervisor.get("/api/v1/indicators?unit=BENCH-ZWJW&period=" + month
					+ "&breakdown=unit,category,channel", indicators);
			if (i == 0) {
				first = (System.nanoTime() - t) / 1_000_000;
			}
		}
		Matcher received = Pattern.compile("\"received\":(\\d+)").matcher(answer);
		return "B4 matters=" + matters() + " sweep_ms=" + sweep.p(50) + " sweep_claimed=" + claimed + " cold_scan_ms="
				+ cold.p(50) + " open_overdue=" + overdue + " indicators_month=" + month + " indicators_p50_ms="
				+ indicators.p(50) + " indicators_max_ms=" + indicators.p(100) + " indicators_first_ms=" + first
				+ " indicators_received="
				+ (received.find() ? received.group(1) : "?");
	}

	// --- smoke: a tiny load and one pass of each measurement, for the test suite

	String smoke() throws Exception {
		options.putIfAbsent("matters", "200");
		options.putIfAbsent("seconds", "0.5");
		options.putIfAbsent("warmup", "0");
		options.putIfAbsent("clients", "1");
		options.putIfAbsent("rounds", "1");
		options.putIfAbsent("chunk", "100");
		System.out.println(load());
		System.out.println(b2());
		System.out.println(b3());
		// the steady-state warm-up's code path, for one short slice (the test's JVM has compiled what it will)
		options.put("warmup", "jit");
		options.put("warmup-slice", "0.5");
		options.put("warmup-max", "0.5");
		System.out.println(b3());
		options.put("warmup", "0");
		String b4 = b4();
		System.out.println(b4);
		// B1 for a moment (at least one lifecycle per client) with B5's sampling of this JVM's parent, the test's
		// application; B1-limit only where pgbench is installed
		boolean pgbench = new ProcessBuilder("sh", "-c", "command -v pgbench").start().waitFor() == 0;
		options.putIfAbsent("pgbench", pgbench ? "yes" : "no");
		System.out.println(b1());
		return "SMOKE matters=" + matters() + " ok=true";
	}

	// --- running clients

	interface Step {
		void run(Client client, ThreadLocalRandom random) throws Exception;
	}

	int clients() {
		return Integer.parseInt(opt("clients", "4"));
	}

	/** Runs the step in a loop on each client, first unmeasured (warm-up), then measured for --seconds. */
	void run(List<String> users, Step step) throws Exception {
		int n = clients();
		List<Client> signedIn = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			signedIn.add(Client.signIn(opt("base-url", "http://localhost:18080"), users.get(i % users.size())));
		}
		warmUp(seconds -> drive(signedIn, false, seconds, step));
		drive(signedIn, true, warmupOff() ? 0 : seconds(), step);
	}

	/** Every client works until {@code seconds} have passed (at least one step each). */
	void drive(List<Client> signedIn, boolean measured, double seconds, Step step) throws Exception {
		drive(signedIn, client -> client.measuring = measured, seconds,
				client -> step.run(client, ThreadLocalRandom.current()));
	}

	List<String> usernames(String sql) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no bench users: load the data first");
		}
		return names;
	}

	static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+),");

	static final Pattern STAFF_LINK = Pattern.compile("/staff/matters/(\\d+)");

	static List<Long> ids(String json) {
		return ids(json, ID);
	}

	static List<Long> ids(String text, Pattern pattern) {
		List<Long> ids = new ArrayList<>();
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			ids.add(Long.parseLong(m.group(1)));
		}
		return ids;
	}

	/** One staff member's HTTP client: signed in once through the login form, then the session cookie. */
	static final class Client {

		final HttpClient http;

		final String baseUrl;

		/** The API bearer token, or null (session cookie, or no sign-in). */
		final String bearer;

		volatile boolean measuring = true;

		Client(HttpClient http, String baseUrl) {
			this(http, baseUrl, null);
		}

		Client(HttpClient http, String baseUrl, String bearer) {
			this.http = http;
			this.baseUrl = baseUrl;
			this.bearer = bearer;
		}

		static HttpClient plain() {
			return HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NEVER)
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
		}

		static Client anonymous(String baseUrl) {
			return new Client(plain(), baseUrl);
		}

		/** Signs in once for an API bearer token; no cookies. */
		static Client withToken(String baseUrl, String username) throws IOException, InterruptedException {
			HttpClient http = plain();
			HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/tokens"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
						+ PASSWORD + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher token = Pattern.compile("\"token\":\"([A-Za-z0-9_-]+)\"").matcher(issued.body());
			if (issued.statusCode() != 201 || !token.find()) {
				throw new IllegalStateException("no token for " + username + ": " + issued.statusCode() + " "
						+ issued.body());
			}
			return new Client(http, baseUrl, token.group(1));
		}

		/** POSTs JSON; the latency goes into each of {@code into}. */
		String post(String path, String json, Latencies... into) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), into);
		}

		static Client signIn(String baseUrl, String username) throws IOException, InterruptedException {
			HttpClient http = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			String form = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
			if (!csrf.find()) {
				throw new IllegalStateException("no CSRF token on the login page");
			}
			String body = "username=" + enc(username) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1));
			HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			String location = signedIn.headers().firstValue("Location").orElse("");
			if (signedIn.statusCode() != 302 || location.contains("error")) {
				throw new IllegalStateException("sign-in failed for " + username + ": " + signedIn.statusCode() + " "
						+ location);
			}
			return new Client(http, baseUrl);
		}

		String page(String path, Latencies into) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").build(), into);
		}

		String get(String path, Latencies into) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json").build(),
					into);
		}

		String send(HttpRequest request, Latencies... into) throws IOException, InterruptedException {
			if (bearer != null) {
				request = HttpRequest.newBuilder(request, (name, value) -> true)
					.header("Authorization", "Bearer " + bearer)
					.build();
			}
			long t = System.nanoTime();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			long elapsed = System.nanoTime() - t;
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			if (measuring) {
				for (Latencies l : into) {
					l.add(elapsed);
				}
			}
			return response.body();
		}

		static String enc(String s) {
			return URLEncoder.encode(s, StandardCharsets.UTF_8);
		}
	}

	/** Latencies in nanoseconds; percentiles in milliseconds (nearest rank). */
	static final class Latencies {

		private long[] values = new long[1024];

		private int size;

		synchronized void add(long nanos) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = nanos;
		}

		synchronized int count() {
			return size;
		}

		synchronized String p(double percentile) {
			if (size == 0) {
				return "NaN";
			}
			long[] sorted = Arrays.copyOf(values, size);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(percentile / 100 * size);
			return fmt(sorted[Math.max(0, rank - 1)] / 1e6);
		}
	}

	static String fmt(Double value) {
		return value == null ? "NaN" : String.format(Locale.ROOT, "%.1f", value);
	}

	static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
