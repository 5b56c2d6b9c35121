package org.xinfang.intake.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.xinfang.platform.Hashing;

/**
 * Tracking codes and query secrets.
 *
 * <p>A tracking code is "XF" and ten symbols drawn by {@link SecureRandom} from 31 symbols that cannot be
 * confused when read aloud or copied by hand (no 0/O, 1/I/L): about 2<sup>49</sup> codes, neither
 * sequential nor guessable, so a code says nothing about how many matters exist or who came before.
 *
 * <p>The query secret is ten more such symbols (about 49 bits). It is stored as a plain SHA-256, not with
 * BCrypt or another slow hash: slow hashing protects low-entropy, human-chosen passwords against
 * dictionary attacks, but this secret is machine-generated and uniformly random, so brute-forcing its hash
 * is already infeasible, while a fast hash keeps the public look-up cheap. On-line guessing is limited by
 * the portal's failure throttle; comparison is constant-time ({@link MessageDigest#isEqual}).
 */
final class Codes {

	static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	static final int LENGTH = 10;

	private static final SecureRandom random = new SecureRandom();

	private Codes() {
	}

	static String trackingCode() {
		return "XF" + randomSymbols(LENGTH);
	}

	static String querySecret() {
		return randomSymbols(LENGTH);
	}

	private static String randomSymbols(int n) {
		StringBuilder sb = new StringBuilder(n);
		for (int i = 0; i < n; i++) {
			sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return sb.toString();
	}

	/** Secrets are compared case-insensitively and without spaces, as people type them. */
	static String normaliseSecret(String secret) {
		return secret == null ? "" : secret.replaceAll("\\s", "").toUpperCase();
	}

	static String hashSecret(String secret) {
		return Hashing.sha256Hex(normaliseSecret(secret));
	}

	static boolean secretMatches(String secret, String storedHash) {
		byte[] given = hashSecret(secret).getBytes(StandardCharsets.US_ASCII);
		byte[] stored = storedHash.getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(given, stored);
	}
}
