package org.xinfang.organisation;

/**
 * A unit of the organisation tree. {@code path} lists the ids from the root down to this unit
 * ("/1/4/9/"), so "is X inside Y's subtree" is {@code x.path().startsWith(y.path())}.
 */
public record Unit(long id, String code, String name, Long parentId, String path, UnitLevel level, UnitType type,
		boolean petitionOffice, boolean active) {

	public boolean isWithin(String ancestorPath) {
		return path.startsWith(ancestorPath);
	}

	public int depth() {
		return depthOf(path);
	}

	/** 1 for a root ("/7/"), 2 for its children, and so on. */
	public static int depthOf(String path) {
		return (int) path.chars().filter(c -> c == '/').count() - 1;
	}

	public enum UnitLevel {
		PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, INSTITUTION, DEPARTMENT
	}

	public enum UnitType {
		COMMISSION, BUREAU, HOSPITAL, CDC, SUPERVISION, HEALTH_CENTRE, DEPARTMENT, OTHER
	}
}
