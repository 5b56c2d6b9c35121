/**
 * The lifecycle of a matter after registration (DOMAIN §5): triage, acceptance, handling, extension,
 * reply, delivery, evaluation, review, re-review, finality and closure, with the deadlines of each step.
 * {@link org.xinfang.handling.MatterLifecycle} is the state machine; {@link org.xinfang.handling.MatterActions}
 * performs actions; {@link org.xinfang.handling.MatterActionTaken} tells other modules.
 */
package org.xinfang.handling;
