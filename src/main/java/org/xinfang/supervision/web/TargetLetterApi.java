package org.xinfang.supervision.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.TargetLetters;
import org.xinfang.supervision.TargetLetters.Assessment;
import org.xinfang.supervision.TargetLetters.Letter;
import org.xinfang.supervision.TargetLetters.Targets;

/**
 * Target responsibility letters (目标责任书) and the yearly assessment; the score is documented on
 * {@link TargetLetters}.
 * <ul>
 * <li>{@code PUT /api/v1/target-letters/{unitCode}/{year}} {@code {timelyAcceptance, onTimeCompletion,
 * satisfaction, resolvedAtUnitLevel, resolvedWithoutRepeat, maxRepeatRate, note}} (rates 0–1, null: no target)
 * sets or replaces a unit's letter; supervisors, within their subtree.
 * <li>{@code GET /api/v1/target-letters?unit=CODE&year=2026}: the letters of the unit's child units.
 * <li>{@code GET /api/v1/assessments?unit=CODE&year=2026}: the score of each child unit with a letter, best
 * first, with the lines behind it; {@code GET /api/v1/assessments/export.xlsx} the same as Excel.
 * </ul>
 */
@RestController
class TargetLetterApi {

	private final TargetLetters letters;

	TargetLetterApi(TargetLetters letters) {
		this.letters = letters;
	}

	@PutMapping("/api/v1/target-letters/{unitCode}/{year}")
	Letter set(@PathVariable String unitCode, @PathVariable int year, @RequestBody Targets body) {
		return letters.set(unitCode, year, body);
	}

	@GetMapping("/api/v1/target-letters")
	List<Letter> letters(@RequestParam(required = false) String unit, @RequestParam(required = false) Integer year) {
		return letters.letters(unit, year(year));
	}

	@GetMapping("/api/v1/assessments")
	List<Assessment> assess(@RequestParam(required = false) String unit, @RequestParam(required = false) Integer year) {
		return letters.assess(unit, year(year));
	}

	@GetMapping(path = "/api/v1/assessments/export.xlsx", produces = BulletinApi.XLSX)
	ResponseEntity<byte[]> export(@RequestParam(required = false) String unit,
			@RequestParam(required = false) Integer year) {
		int y = year(year);
		return BulletinApi.file(letters.excel(unit, y), MediaType.parseMediaType(BulletinApi.XLSX),
				"assessment-" + y + ".xlsx");
	}

	private static int year(Integer year) {
		if (year == null) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "year", "is required");
		}
		return year;
	}
}
