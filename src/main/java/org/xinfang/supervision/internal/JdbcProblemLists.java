package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.ProblemLists;

/** Problem lists in the tables of migration V21; the rules are documented on {@link ProblemLists}. */
@Service
@Transactional
class JdbcProblemLists implements ProblemLists {

	static final int MAX_ITEMS = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final AuditLog audit;

	private final Targets targets;

	private final SupervisionLetters letters;

	JdbcProblemLists(JdbcClient jdbc, Clock clock, CurrentUser currentUser, AuditLog audit, Targets targets,
			SupervisionLetters letters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.audit = audit;
		this.targets = targets;
		this.letters = letters;
	}

	@Override
	public ProblemList draft(Draft draft) {
		StaffPrincipal user = currentUser.require();
		Targets.requireManager(user, "Problem lists are drawn up");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = targets.unitInScope(draft.unitCode(), user, "unitCode", errors);
		String title = Targets.text(draft.title(), "title", 200, true, errors);
		String inspection = Targets.text(draft.inspection(), "inspection", 4000, true, errors);
		List<ItemInput> inputs = draft.items() == null ? List.of() : draft.items();
		if (inputs.size() > MAX_ITEMS) {
			errors.add(new FieldProblem("items", "at most " + MAX_ITEMS + " items"));
		}
		List<ValidItem> items = new ArrayList<>();
		for (int i = 0; i < inputs.size() && i < MAX_ITEMS; i++) {
			items.add(validate(inputs.get(i), "items[" + i + "].", user, errors));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		long id = jdbc.sql("""
				INSERT INTO problem_list (unit_id, issuing_unit_id, title, inspection, status, created_by, created_at,
				                          updated_at)
				VALUES (:unit, :issuing, :title, :inspection, 'DRAFT', :by, :now, :now) RETURNING id""")
			.param("unit", unit.id()).param("issuing", user.unitId()).param("title", title)
			.param("inspection", inspection).param("by", user.username()).param("now", now)
			.query(Long.class).single();
		for (ValidItem item : items) {
			insert(id, item);
		}
		audit.record("PROBLEM_LIST_DRAFTED", "problem_list", id,
				Map.of("unit", unit.code(), "title", title, "items", items.size()));
		return load(id);
	}

	private record ValidItem(Kind kind, String problem, Long matterId, String requirement, LocalDate dueOn) {
	}

	private ValidItem validate(ItemInput input, String prefix, StaffPrincipal user, List<FieldProblem> errors) {
		if (input == null) {
			errors.add(new FieldProblem(prefix + "problem", "is required"));
			return null;
		}
		Kind kind = Targets.parse(Kind.class, input.kind(), prefix + "kind", errors);
		String problem = Targets.text(input.problem(), prefix + "problem", 2000, true, errors);
		String requirement = Targets.text(input.requirement(), prefix + "requirement", 2000, true, errors);
		LocalDate due = Targets.date(input.dueOn(), prefix + "dueOn", errors);
		if (due != null && due.isBefore(LocalDate.now(clock))) {
			errors.add(new FieldProblem(prefix + "dueOn", "must not lie in the past"));
		}
		Long matter = null;
		if (input.matter() != null && !input.matter().isBlank()) {
			Optional<Long> found = targets.matterId(input.matter().strip(), user);
			if (found.isEmpty()) {
				errors.add(new FieldProblem(prefix + "matter", "unknown or not visible to you: " + input.matter().strip()));
			}
			else {
				matter = found.get();
			}
		}
		return new ValidItem(kind, problem, matter, requirement, due);
	}

	private void insert(long listId, ValidItem item) {
		jdbc.sql("""
				INSERT INTO problem_item (list_id, seq, kind, problem, matter_id, requirement, due_on, status)
				VALUES (:list, (SELECT coalesce(max(seq), 0) + 1 FROM problem_item WHERE list_id = :list), :kind,
				        :problem, :matter, :requirement, :due, 'OPEN')""")
			.param("list", listId).param("kind", item.kind().name()).param("problem", item.problem())
			.param("matter", item.matterId()).param("requirement", item.requirement()).param("due", item.dueOn())
			.update();
	}

	@Override
	public ProblemList addItem(long listId, ItemInput input) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(listId, user);
		Targets.requireManager(user, "Problem lists are drawn up");
		row.require(Status.DRAFT);
		if (items(listId) >= MAX_ITEMS) {
			throw new InvalidInput(List.of(new FieldProblem("items", "at most " + MAX_ITEMS + " items")));
		}
		List<FieldProblem> errors = new ArrayList<>();
		ValidItem item = validate(input, "", user, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		insert(listId, item);
		touch(listId);
		audit.record("PROBLEM_ITEM_ADDED", "problem_list", listId, Map.of("kind", item.kind().name()));
		return load(listId);
	}

	@Override
	public ProblemList issue(long listId) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(listId, user);
		Targets.requireManager(user, "Problem lists are issued");
		row.require(Status.DRAFT);
		if (items(listId) == 0) {
			throw new InvalidInput(List.of(new FieldProblem("items", "a list is issued with at least one item")));
		}
		LocalDate today = LocalDate.now(clock);
		jdbc.sql("UPDATE problem_list SET status = 'ISSUED', issued_on = :today, updated_at = :now WHERE id = :id")
			.param("today", today).param("now", OffsetDateTime.now(clock)).param("id", listId).update();
		audit.record("PROBLEM_LIST_ISSUED", "problem_list", listId, Map.of("issuedOn", today.toString()));
		return load(listId);
	}

	@Override
	public ProblemList reportItem(long listId, long itemId, String rectification) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(listId, user);
		if (user.unitId() != row.unitId()) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Rectification is reported by the unit the list is issued to.");
		}
		row.require(Status.ISSUED);
		ItemStatus status = itemStatus(listId, itemId);
		if (status != ItemStatus.OPEN) {
			throw itemConflict(ItemStatus.OPEN);
		}
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(rectification, "rectification", 4000, true, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		jdbc.sql("""
				UPDATE problem_item SET status = 'REPORTED', rectification = :text, reported_by = :by, reported_at = :now
				WHERE id = :item AND status = 'OPEN'""")
			.param("text", text).param("by", user.username()).param("now", OffsetDateTime.now(clock))
			.param("item", itemId).update();
		touch(listId);
		audit.record("PROBLEM_ITEM_REPORTED", "problem_list", listId, Map.of("item", itemId));
		return load(listId);
	}

	@Override
	public ProblemList acceptItem(long listId, long itemId) {
		StaffPrincipal user = currentUser.require();
		Row row = verifiable(listId, itemId, user);
		jdbc.sql("""
				UPDATE problem_item SET status = 'ACCEPTED', verified_by = :by, verified_at = :now, rejection_reason = NULL
				WHERE id = :item""")
			.param("by", user.username()).param("now", OffsetDateTime.now(clock)).param("item", itemId).update();
		audit.record("PROBLEM_ITEM_ACCEPTED", "problem_list", listId, Map.of("item", itemId));
		boolean all = jdbc.sql("SELECT bool_and(status = 'ACCEPTED') FROM problem_item WHERE list_id = :id")
			.param("id", row.id()).query(Boolean.class).single();
		if (all) {
			jdbc.sql("UPDATE problem_list SET status = 'CLOSED', closed_at = :now, updated_at = :now WHERE id = :id AND status = 'ISSUED'")
				.param("now", OffsetDateTime.now(clock)).param("id", listId).update();
			audit.record("PROBLEM_LIST_CLOSED", "problem_list", listId, Map.of());
		}
		else {
			touch(listId);
		}
		return load(listId);
	}

	@Override
	public ProblemList rejectItem(long listId, long itemId, String reason) {
		StaffPrincipal user = currentUser.require();
		verifiable(listId, itemId, user);
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(reason, "reason", 1000, true, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		jdbc.sql("""
				UPDATE problem_item SET status = 'OPEN', verified_by = :by, verified_at = :now, rejection_reason = :reason
				WHERE id = :item""")
			.param("by", user.username()).param("now", OffsetDateTime.now(clock)).param("reason", text)
			.param("item", itemId).update();
		touch(listId);
		audit.record("PROBLEM_ITEM_REJECTED", "problem_list", listId, Map.of("item", itemId, "reason", text));
		return load(listId);
	}

	private Row verifiable(long listId, long itemId, StaffPrincipal user) {
		Row row = visible(listId, user);
		Targets.requireManager(user, "Rectification is verified");
		if (user.unitId() == row.unitId()) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "The unit does not verify its own rectification.");
		}
		row.require(Status.ISSUED);
		if (itemStatus(listId, itemId) != ItemStatus.REPORTED) {
			throw itemConflict(ItemStatus.REPORTED);
		}
		return row;
	}

	private ItemStatus itemStatus(long listId, long itemId) {
		return jdbc.sql("SELECT status FROM problem_item WHERE id = :item AND list_id = :list FOR UPDATE")
			.param("item", itemId).param("list", listId)
			.query(String.class).optional().map(ItemStatus::valueOf)
			.orElseThrow(() -> DomainException.notFound("Problem list item"));
	}

	private static DomainException itemConflict(ItemStatus expected) {
		return new DomainException(HttpStatus.CONFLICT, "problem-item-status",
				"Not possible in the item's present status (needs " + expected + ").", Map.of("expected", expected.name()));
	}

	record Row(long id, long unitId, String unitPath, Status status) {

		void require(Status expected) {
			if (status != expected) {
				throw new DomainException(HttpStatus.CONFLICT, "problem-list-status",
						"Not possible in the list's present status (needs " + expected + ").",
						Map.of("expected", expected.name()));
			}
		}
	}

	private Row visible(long id, StaffPrincipal user) {
		return jdbc.sql("""
				SELECT l.id, l.unit_id, u.path, l.status FROM problem_list l JOIN unit u ON u.id = l.unit_id
				WHERE l.id = :id FOR UPDATE OF l""")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), Status.valueOf(rs.getString(4))))
			.optional()
			.filter(r -> user.canSee(r.unitPath()))
			.orElseThrow(() -> DomainException.notFound("Problem list"));
	}

	private void touch(long id) {
		jdbc.sql("UPDATE problem_list SET updated_at = :now WHERE id = :id")
			.param("now", OffsetDateTime.now(clock)).param("id", id).update();
	}

	private int items(long listId) {
		return jdbc.sql("SELECT count(*) FROM problem_item WHERE list_id = :id").param("id", listId).query(Integer.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public ProblemList find(long listId) {
		StaffPrincipal user = currentUser.require();
		jdbc.sql("SELECT u.path FROM problem_list l JOIN unit u ON u.id = l.unit_id WHERE l.id = :id")
			.param("id", listId).query(String.class).optional()
			.filter(user::canSee)
			.orElseThrow(() -> DomainException.notFound("Problem list"));
		return load(listId);
	}

	private ProblemList load(long id) {
		LocalDate today = LocalDate.now(clock);
		List<Item> items = jdbc.sql("""
				SELECT i.*, m.tracking_code FROM problem_item i LEFT JOIN matter m ON m.id = i.matter_id
				WHERE i.list_id = :id ORDER BY i.seq""")
			.param("id", id)
			.query((rs, n) -> {
				ItemStatus status = ItemStatus.valueOf(rs.getString("status"));
				LocalDate due = rs.getObject("due_on", LocalDate.class);
				return new Item(rs.getLong("id"), rs.getInt("seq"), Kind.valueOf(rs.getString("kind")),
						rs.getString("problem"), (Long) rs.getObject("matter_id"), rs.getString("tracking_code"),
						rs.getString("requirement"), due, status, status != ItemStatus.ACCEPTED && today.isAfter(due),
						rs.getString("rectification"), rs.getString("reported_by"),
						rs.getObject("reported_at", OffsetDateTime.class), rs.getString("verified_by"),
						rs.getObject("verified_at", OffsetDateTime.class), rs.getString("rejection_reason"));
			})
			.list();
		int overdue = (int) items.stream().filter(Item::overdue).count();
		return jdbc.sql("""
				SELECT l.*, u.code AS unit_code, u.name AS unit_name, iu.code AS issuing_code, iu.name AS issuing_name
				FROM problem_list l JOIN unit u ON u.id = l.unit_id JOIN unit iu ON iu.id = l.issuing_unit_id
				WHERE l.id = :id""")
			.param("id", id)
			.query((rs, n) -> {
				Status status = Status.valueOf(rs.getString("status"));
				return new ProblemList(id, new UnitRef(rs.getString("unit_code"), rs.getString("unit_name")),
						new UnitRef(rs.getString("issuing_code"), rs.getString("issuing_name")), rs.getString("title"),
						rs.getString("inspection"), status, rs.getObject("issued_on", LocalDate.class),
						rs.getObject("closed_at", OffsetDateTime.class), items,
						status == Status.DRAFT ? 0 : overdue, rs.getString("created_by"),
						rs.getObject("created_at", OffsetDateTime.class));
			})
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode, LocalDate from, LocalDate to) {
		StaffPrincipal user = currentUser.require();
		String path = targets.listPath(unitCode, user);
		return jdbc.sql("""
				SELECT l.id, u.code, u.name, l.title, l.status, l.issued_on,
				       (SELECT count(*) FROM problem_item i WHERE i.list_id = l.id) AS items,
				       (SELECT count(*) FROM problem_item i WHERE i.list_id = l.id AND i.status = 'ACCEPTED') AS accepted,
				       (SELECT count(*) FROM problem_item i WHERE i.list_id = l.id AND i.status <> 'ACCEPTED'
				            AND l.status <> 'DRAFT' AND i.due_on < :today) AS overdue
				FROM problem_list l JOIN unit u ON u.id = l.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR (l.created_at AT TIME ZONE 'Asia/Shanghai')::date >= :from)
				  AND (CAST(:to AS date) IS NULL OR (l.created_at AT TIME ZONE 'Asia/Shanghai')::date <= :to)
				ORDER BY l.created_at DESC, l.id DESC LIMIT 500""")
			.param("path", path).param("from", from).param("to", to).param("today", LocalDate.now(clock))
			.query((rs, n) -> new Summary(rs.getLong("id"), new UnitRef(rs.getString("code"), rs.getString("name")),
					rs.getString("title"), Status.valueOf(rs.getString("status")),
					rs.getObject("issued_on", LocalDate.class), rs.getInt("items"), rs.getInt("accepted"),
					rs.getInt("overdue")))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] pdf(long listId) {
		ProblemList list = find(listId);
		if (list.status() == Status.DRAFT) {
			throw new DomainException(HttpStatus.CONFLICT, "problem-list-status",
					"A draft list has no document yet; issue it first.", Map.of("expected", "ISSUED"));
		}
		return letters.problemList(list);
	}

	@Override
	@Transactional(readOnly = true)
	public Tally tally(long unitId, LocalDate from, LocalDate to, LocalDate today) {
		String path = targets.unit(unitId).path();
		return jdbc.sql("""
				SELECT count(DISTINCT l.id) FILTER (WHERE l.issued_on BETWEEN :from AND :to),
				       count(i.id) FILTER (WHERE l.issued_on BETWEEN :from AND :to),
				       count(i.id) FILTER (WHERE l.issued_on BETWEEN :from AND :to AND i.status = 'ACCEPTED'),
				       count(i.id) FILTER (WHERE i.status <> 'ACCEPTED' AND i.due_on < :today)
				FROM problem_list l JOIN unit u ON u.id = l.unit_id LEFT JOIN problem_item i ON i.list_id = l.id
				WHERE u.path LIKE :path || '%' AND l.status <> 'DRAFT'""")
			.param("from", from).param("to", to).param("today", today).param("path", path)
			.query((rs, n) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}
}
