package org.xinfang.notification.internal;

/**
 * Phone numbers and addresses are personal data: logs and audit entries show a phone number's first three
 * and last four digits only, and of an e-mail address the first letter and the domain.
 */
final class PhoneNumbers {

	private PhoneNumbers() {
	}

	static String mask(String phone) {
		if (phone == null) {
			return null;
		}
		if (phone.length() <= 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	static String maskAddress(String address) {
		int at = address == null ? -1 : address.indexOf('@');
		return at < 1 ? mask(address) : address.charAt(0) + "***" + address.substring(at);
	}
}
