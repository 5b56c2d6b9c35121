/**
 * The petitioner's notices along the lifecycle (DOMAIN §5; issue #3 items 4 and 6): when an action on a matter
 * calls for a written notice, the official document is issued and the petitioner is told by SMS and e-mail.
 * A module of its own so that {@code documents} stays a PDF service and {@code notification} an outbox, and
 * neither has to know the lifecycle; it depends on {@code handling}'s event, never the other way round.
 */
package org.xinfang.notices;
