/**
 * Technical ground shared by every module: the embedded database, the time source, error responses and
 * the page layout. Holds no business rules.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.xinfang.platform;
