package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.xinfang.intake.Channel;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.Kind;
import org.xinfang.intake.NewPetitioner;
import org.xinfang.intake.OnlinePetition;
import org.xinfang.intake.RegisterMatter;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;

/**
 * The registration rules, checked all at once so that every bad field is named in one answer. Returns the
 * input trimmed and normalised (blank → absent, phone digits only, ID number upper case).
 */
@Component
class MatterValidation {

	static final int MAX_REPRESENTATIVES = 5;

	static final int MIN_GROUP = 5;

	static final int MAX_PETITIONERS = 200;

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");

	/** Resident ID (18 characters, last may be X) or the old 15-digit form. */
	private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9X]|[0-9]{15}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final Dictionaries dictionaries;

	private final Units units;

	private final Clock clock;

	private final MessageSource messages;

	MatterValidation(Dictionaries dictionaries, Units units, Clock clock, MessageSource messages) {
		this.dictionaries = dictionaries;
		this.units = units;
		this.clock = clock;
		this.messages = messages;
	}

	record Valid(Channel channel, Kind kind, String title, String content, String categoryCode, Unit concernedUnit,
			LocalDate receivedOn, int headcount, String sourceBody, String sourceReference,
			List<NewPetitioner> petitioners, boolean complainedAbout) {

		/** A report or a complaint about the concerned unit: the identity is protected (IdentityMasking). */
		boolean identityProtected() {
			return IdentityMasking.isProtected(kind, complainedAbout);
		}
	}

	Valid staff(RegisterMatter m) {
		Problems p = new Problems();
		Channel channel = p.enumValue("channel", m.channel(), Channel.class);
		if (channel == Channel.ONLINE) {
			p.add("channel", "intake.invalid.channel-online");
		}
		Kind kind = p.enumValue("kind", m.kind(), Kind.class);
		String title = p.text("title", m.title(), 200, true);
		String content = p.text("content", m.content(), 20000, true);
		String category = category(p, m.categoryCode());
		Unit concerned = unit(p, m.concernedUnitCode());
		LocalDate today = LocalDate.now(clock);
		LocalDate receivedOn = m.receivedOn() == null ? today : m.receivedOn();
		if (receivedOn.isAfter(today)) {
			p.add("receivedOn", "intake.invalid.received-on-future");
		}
		String sourceBody = p.text("sourceBody", m.sourceBody(), 200, channel == Channel.TRANSFERRED);
		String sourceReference = p.text("sourceReference", m.sourceReference(), 100, channel == Channel.TRANSFERRED);

		List<NewPetitioner> petitioners = new ArrayList<>();
		List<NewPetitioner> given = m.petitioners() == null ? List.of()
				: m.petitioners().stream().filter(x -> x != null && !isEmpty(x)).toList();
		if (given.isEmpty()) {
			p.add("petitioners", "intake.invalid.petitioners-required");
		}
		else if (given.size() > MAX_PETITIONERS) {
			p.add("petitioners", "intake.invalid.petitioners-too-many", MAX_PETITIONERS);
		}
		else {
			for (int i = 0; i < given.size(); i++) {
				petitioners.add(petitioner(p, "petitioners[" + i + "].", given.get(i), false));
			}
		}

		int headcount = m.headcount() == null ? Math.max(1, petitioners.size()) : m.headcount();
		if (m.headcount() != null && (m.headcount() < 1 || m.headcount() > 100000)) {
			p.add("headcount", "intake.invalid.headcount");
		}
		else if (headcount < petitioners.size()) {
			p.add("headcount", "intake.invalid.headcount-below-petitioners", petitioners.size());
		}
		if (channel == Channel.GROUP_VISIT) {
			// DOMAIN §3: a group visit is five people or more and elects at most five representatives
			if (m.headcount() == null || m.headcount() < MIN_GROUP) {
				p.add("headcount", "intake.invalid.group-headcount", MIN_GROUP);
			}
			long representatives = petitioners.stream().filter(x -> Boolean.TRUE.equals(x.representative())).count();
			if (!given.isEmpty() && (representatives < 1 || representatives > MAX_REPRESENTATIVES)) {
				p.add("petitioners", "intake.invalid.group-representatives", MAX_REPRESENTATIVES);
			}
		}
		boolean complainedAbout = complainedAbout(p, kind, concerned, m.concernedUnitComplainedAbout());
		p.throwIfAny();
		return new Valid(channel, kind, title, content, category, concerned, receivedOn, headcount, sourceBody,
				sourceReference, petitioners, complainedAbout);
	}

	Valid online(OnlinePetition o) {
		Problems p = new Problems();
		Kind kind = p.enumValue("kind", o.kind(), Kind.class);
		String title = p.text("title", o.title(), 200, true);
		String content = p.text("content", o.content(), 20000, true);
		String category = category(p, o.categoryCode());
		Unit concerned = unit(p, o.concernedUnitCode());
		NewPetitioner petitioner = null;
		if (o.petitioner() == null) {
			p.add("petitioner.name", "intake.invalid.required");
			p.add("petitioner.phone", "intake.invalid.required");
		}
		else {
			petitioner = petitioner(p, "petitioner.", o.petitioner(), true);
		}
		boolean complainedAbout = complainedAbout(p, kind, concerned, o.concernedUnitComplainedAbout());
		p.throwIfAny();
		return new Valid(Channel.ONLINE, kind, title, content, category, concerned, LocalDate.now(clock), 1, null,
				null, List.of(petitioner), complainedAbout);
	}

	private NewPetitioner petitioner(Problems p, String prefix, NewPetitioner x, boolean phoneRequired) {
		String name = p.text(prefix + "name", x.name(), 100, true);
		String phone = trim(x.phone());
		if (phone != null) {
			phone = phone.replaceAll("[\\s()\\-]", "");
			if (!PHONE.matcher(phone).matches()) {
				p.add(prefix + "phone", "intake.invalid.phone");
			}
		}
		else if (phoneRequired) {
			p.add(prefix + "phone", "intake.invalid.required");
		}
		String idNumber = trim(x.idNumber());
		if (idNumber != null) {
			idNumber = idNumber.replace(" ", "").toUpperCase(Locale.ROOT);
			if (!ID_NUMBER.matcher(idNumber).matches()) {
				p.add(prefix + "idNumber", "intake.invalid.id-number");
			}
		}
		String address = p.text(prefix + "address", x.address(), 300, false);
		String email = p.text(prefix + "email", x.email(), 200, false);
		if (email != null && !EMAIL.matcher(email).matches()) {
			p.add(prefix + "email", "intake.invalid.email");
		}
		return new NewPetitioner(name, phone, idNumber, address, email, Boolean.TRUE.equals(x.representative()));
	}

	/**
	 * A complaint is about a named unit; a report (检举控告) accuses the unit it names, so it is always about it
	 * (Regulation Art. 30).
	 */
	private static boolean complainedAbout(Problems p, Kind kind, Unit concerned, Boolean flag) {
		boolean given = Boolean.TRUE.equals(flag);
		if (given && concerned == null) {
			p.add("concernedUnitComplainedAbout", "intake.invalid.complained-needs-unit");
		}
		return concerned != null && (given || kind == Kind.REPORT);
	}

	private String category(Problems p, String code) {
		String c = trim(code);
		if (c != null && !dictionaries.isActiveCategory(c)) {
			p.add("categoryCode", "intake.invalid.category");
		}
		return c;
	}

	private Unit unit(Problems p, String code) {
		String c = trim(code);
		if (c == null) {
			return null;
		}
		Unit unit = units.byCode(c).filter(Unit::active).orElse(null);
		if (unit == null) {
			p.add("concernedUnitCode", "intake.invalid.unit");
		}
		return unit;
	}

	private static boolean isEmpty(NewPetitioner x) {
		return trim(x.name()) == null && trim(x.phone()) == null && trim(x.idNumber()) == null
				&& trim(x.address()) == null && trim(x.email()) == null;
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

	/** Collects problems with messages in the request's language. */
	private final class Problems {

		private final List<FieldProblem> list = new ArrayList<>();

		void add(String field, String code, Object... args) {
			list.add(new FieldProblem(field, messages.getMessage(code, args, code, LocaleContextHolder.getLocale())));
		}

		String text(String field, String value, int max, boolean required) {
			String t = trim(value);
			if (t == null && required) {
				add(field, "intake.invalid.required");
			}
			else if (t != null && t.length() > max) {
				add(field, "intake.invalid.too-long", max);
			}
			return t;
		}

		<E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
			String t = trim(value);
			if (t == null) {
				add(field, "intake.invalid.required");
				return null;
			}
			try {
				return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				add(field, "intake.invalid.choice");
				return null;
			}
		}

		void throwIfAny() {
			if (!list.isEmpty()) {
				throw new InvalidInput(list);
			}
		}
	}
}
