package org.xinfang.handling.web;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.handling.ActionBody;
import org.xinfang.handling.MatterActions;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterQueries;
import org.xinfang.platform.DomainException;

/**
 * Staff actions on a matter: {@code POST /api/v1/matters/{id}/actions/{ACTION}} with the action's body.
 * One endpoint per action so the OpenAPI document shows each body. The answer is the matter afterwards,
 * with its new {@code version} and {@code allowedActions}. An optional {@code If-Match} header carries the
 * version the client saw: a matter changed meanwhile answers 409 {@code stale-matter}. An action not possible
 * in the matter's state answers 409 {@code action-not-allowed}; not the user's to take, 403; an unknown
 * action, 400.
 */
@RestController
@RequestMapping("/api/v1/matters/{id}/actions")
class MatterActionApi {

	private final MatterActions actions;

	private final MatterQueries matters;

	MatterActionApi(MatterActions actions, MatterQueries matters) {
		this.actions = actions;
		this.matters = matters;
	}

	private MatterDetail perform(long id, ActionBody body, String ifMatch) {
		actions.perform(id, body, version(ifMatch));
		return matters.find(id).orElseThrow(() -> DomainException.notFound("Matter"));
	}

	static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String v = ifMatch.strip();
		if (v.startsWith("W/")) {
			v = v.substring(2);
		}
		v = v.replace("\"", "");
		try {
			return Integer.valueOf(v);
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalid("invalid-if-match", "If-Match must carry the matter's version.");
		}
	}

	@PostMapping("/{action}")
	MatterDetail unknown(@PathVariable long id, @PathVariable String action) {
		throw DomainException.invalid("unknown-action", "Unknown action: " + action);
	}

	@PostMapping("/ASSIGN")
	MatterDetail assign(@PathVariable long id, @RequestBody ActionBody.Assign body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/FORWARD")
	MatterDetail forward(@PathVariable long id, @RequestBody ActionBody.Forward body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/REDIRECT_LEGAL_ROUTE")
	MatterDetail redirect(@PathVariable long id, @RequestBody ActionBody.RedirectLegalRoute body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/ROUTE_TO_DISCIPLINE")
	MatterDetail routeToDiscipline(@PathVariable long id,
			@RequestBody(required = false) ActionBody.RouteToDiscipline body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body == null ? new ActionBody.RouteToDiscipline(null) : body, ifMatch);
	}

	@PostMapping("/RETURN")
	MatterDetail returnToOffice(@PathVariable long id, @RequestBody ActionBody.Return body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/ACCEPT")
	MatterDetail accept(@PathVariable long id, @RequestBody(required = false) ActionBody.Accept body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body == null ? new ActionBody.Accept(null) : body, ifMatch);
	}

	@PostMapping("/REJECT")
	MatterDetail reject(@PathVariable long id, @RequestBody ActionBody.Reject body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/REJECT_FINAL")
	MatterDetail rejectFinal(@PathVariable long id, @RequestBody ActionBody.RejectFinal body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/ASSIGN_HANDLER")
	MatterDetail assignHandler(@PathVariable long id, @RequestBody ActionBody.AssignHandler body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/ADD_PROGRESS")
	MatterDetail addProgress(@PathVariable long id, @RequestBody ActionBody.AddProgress body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/REQUEST_EXTENSION")
	MatterDetail requestExtension(@PathVariable long id, @RequestBody ActionBody.RequestExtension body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/APPROVE_EXTENSION")
	MatterDetail approveExtension(@PathVariable long id,
			@RequestBody(required = false) ActionBody.ApproveExtension body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body == null ? new ActionBody.ApproveExtension(null) : body, ifMatch);
	}

	@PostMapping("/DENY_EXTENSION")
	MatterDetail denyExtension(@PathVariable long id, @RequestBody ActionBody.DenyExtension body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/DRAFT_REPLY")
	MatterDetail draftReply(@PathVariable long id, @RequestBody ActionBody.DraftReply body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/APPROVE_REPLY")
	MatterDetail approveReply(@PathVariable long id, @RequestBody(required = false) ActionBody.ApproveReply body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body == null ? new ActionBody.ApproveReply(null) : body, ifMatch);
	}

	@PostMapping("/SEND_BACK_REPLY")
	MatterDetail sendBackReply(@PathVariable long id, @RequestBody ActionBody.SendBackReply body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/DELIVER")
	MatterDetail deliver(@PathVariable long id, @RequestBody ActionBody.Deliver body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/DECIDE_REVIEW")
	MatterDetail decideReview(@PathVariable long id, @RequestBody ActionBody.DecideReview body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	/**
	 * A hearing held in the re-review (听证, Regulation Art. 36): {@code heldFrom}, {@code heldTo} (inclusive,
	 * not in the future), optional {@code note}. Its days push the re-review decision deadline on; 400 naming
	 * the field when the dates are missing, reversed, in the future, before the re-review was requested or
	 * overlapping a hearing already recorded.
	 */
	@PostMapping("/RECORD_HEARING")
	MatterDetail recordHearing(@PathVariable long id, @RequestBody ActionBody.RecordHearing body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/DECIDE_REREVIEW")
	MatterDetail decideRereview(@PathVariable long id, @RequestBody ActionBody.DecideRereview body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body, ifMatch);
	}

	@PostMapping("/CLOSE")
	MatterDetail close(@PathVariable long id, @RequestBody(required = false) ActionBody.Close body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return perform(id, body == null ? new ActionBody.Close(null) : body, ifMatch);
	}

	/** The petitioner's actions are taken on the portal, never by staff on their behalf. */
	@PostMapping({ "/EVALUATE", "/REQUEST_REVIEW", "/REQUEST_REREVIEW" })
	MatterDetail petitionersOnly(@PathVariable long id) {
		throw new DomainException(org.springframework.http.HttpStatus.FORBIDDEN, "forbidden",
				"Only the petitioner takes this action, on the portal.");
	}
}
