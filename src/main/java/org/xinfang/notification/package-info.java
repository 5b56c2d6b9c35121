/**
 * Notices to petitioners by e-mail and SMS through a transactional outbox: {@link org.xinfang.notification.Notifications}
 * writes a row in the caller's transaction, a cluster-safe dispatcher sends due rows once and retries failures
 * with exponential backoff. SMS goes through {@link org.xinfang.notification.SmsGateway}.
 */
package org.xinfang.notification;
