/**
 * Supervision and accountability (督查督办, DOMAIN §6 and §8): the indicators the system computes for any unit
 * subtree and period, and — built on them — the machinery that makes units answer on time. Everything here
 * targets units and officials, never petitioners (DOMAIN §9).
 */
package org.xinfang.supervision;
