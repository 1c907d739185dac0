package org.equikern.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's layers (ARCHITECTURE.md): each may use only the layers below it, so no arrow runs
 * back up, and operations stay independent of each other. Checked on the compiled main classes.
 */
class LayeringTest {
    private static final String UTIL = "Util";
    private static final String GROUP = "Group";
    private static final String DATA = "Data";
    private static final String TP = "Tp";
    private static final String NN = "Nn";
    private static final String DEVICE = "Device";
    private static final String OPS = "Ops";
    private static final String RUNTIME = "Runtime";
    private static final String TRAIN = "Train";
    private static final String MODEL = "Model";

    private static final String[] LAYER_PACKAGES = {"org.equikern.check..", "org.equikern.concurrent..", "org.equikern.gemm..",
            "org.equikern.group..", "org.equikern.data..", "org.equikern.tp..", "org.equikern.nn..",
            "org.equikern.device..", "org.equikern.ops..", "org.equikern.runtime..", "org.equikern.train..",
            "org.equikern.model.."};

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.equikern");
    }

    @Test
    void everyLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(UTIL).definedBy("org.equikern.check..", "org.equikern.concurrent..", "org.equikern.gemm..")
                .layer(GROUP).definedBy("org.equikern.group..")
                .layer(DATA).definedBy("org.equikern.data..")
                .layer(TP).definedBy("org.equikern.tp..")
                .layer(NN).definedBy("org.equikern.nn..")
                .layer(DEVICE).definedBy("org.equikern.device..")
                .layer(OPS).definedBy("org.equikern.ops..")
                .layer(RUNTIME).definedBy("org.equikern.runtime..")
                .layer(TRAIN).definedBy("org.equikern.train..")
                .optionalLayer(MODEL).definedBy("org.equikern.model..")
                .whereLayer(UTIL).mayNotAccessAnyLayer()
                .whereLayer(GROUP).mayOnlyAccessLayers(UTIL)
                .whereLayer(DATA).mayOnlyAccessLayers(UTIL, GROUP)
                .whereLayer(TP).mayOnlyAccessLayers(UTIL, GROUP)
                .whereLayer(NN).mayOnlyAccessLayers(UTIL, GROUP, DATA, TP)
                .whereLayer(DEVICE).mayOnlyAccessLayers(UTIL, GROUP, DATA, TP, NN)
                .whereLayer(OPS).mayOnlyAccessLayers(UTIL, GROUP, DATA, TP, NN, DEVICE)
                .whereLayer(RUNTIME).mayOnlyAccessLayers(UTIL, GROUP, DATA, TP, NN, DEVICE, OPS)
                .whereLayer(TRAIN).mayOnlyAccessLayers(UTIL, GROUP, DATA)
                .whereLayer(MODEL).mayOnlyAccessLayers(UTIL, GROUP, DATA, TP, NN, DEVICE, OPS, RUNTIME, TRAIN)
                .check(library);
    }

    @Test
    void operationsDependOnNoOtherOperationButSharedBuildingBlocks() {
        slices().matching("org.equikern.ops.(*)..").should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(),
                        resideInAnyPackage("org.equikern.ops.tensorproduct..", "org.equikern.ops.gatherscatter..",
                                "org.equikern.ops.axpy..", "org.equikern.ops.layout..", "org.equikern.ops.jets.."))
                .check(library);
    }

    /** A new package must be placed in a layer (here and in ARCHITECTURE.md) before it can be used. */
    @Test
    void everyClassBelongsToALayer() {
        // The native loader is its own artifact below every layer; its classes come in from the reactor.
        classes().that().resideOutsideOfPackage("org.equikern.nativeloader..")
                .should().resideInAnyPackage(LAYER_PACKAGES).check(library);
    }
}
