/**
 * Argument limits shared by every layer (array sizes the JDK can hold). Internal to the library.
 */
package org.equikern.check;
