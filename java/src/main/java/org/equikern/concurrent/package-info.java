/**
 * Thread-safe caches and scratch pools shared by every layer. Internal to the library.
 */
package org.equikern.concurrent;
