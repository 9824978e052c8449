import { graphql } from '../generated/graphql/index.ts';

export const ModulesQuery = graphql(`
  query Modules {
    modules {
      name
      version
      codeVersion
      state
      category
      summary
      depends
      removable
      nonRemovableReason
      autoInstall
      installedAt
      upgradeAvailable
      error
      errorDetails
    }
  }
`);

export const ModuleOperationsQuery = graphql(`
  query ModuleOperations($name: String!, $limit: Int) {
    moduleOperations(name: $name, limit: $limit) {
      id
      runId
      operation
      step
      status
      details
      createdAt
    }
  }
`);

export const ModuleDoctorQuery = graphql(`
  query ModuleDoctor {
    moduleDoctor {
      ok
      orphans
      missingDependencies {
        module
        missing
      }
      manifestErrors {
        module
        code
        error
      }
      erroredModules {
        module
        error
      }
      upgradesAvailable {
        module
        installed
        available
      }
    }
  }
`);

export const InstallModuleMutation = graphql(`
  mutation InstallModule($name: String!, $force: Boolean) {
    installModule(name: $name, force: $force) {
      scheduled
      requiresRestart
    }
  }
`);

export const UpgradeModuleMutation = graphql(`
  mutation UpgradeModule($name: String!) {
    upgradeModule(name: $name) {
      scheduled
      requiresRestart
    }
  }
`);

export const RestartModulesMutation = graphql(`
  mutation RestartModules {
    restartModules {
      processed {
        module
        operation
        status
        error
        errorDetails
      }
      activeModules
      compositionErrors
    }
  }
`);

export const UninstallModuleMutation = graphql(`
  mutation UninstallModule($name: String!, $force: Boolean) {
    uninstallModule(name: $name, force: $force) {
      scheduled
      requiresRestart
    }
  }
`);

export const DisableModuleMutation = graphql(`
  mutation DisableModule($name: String!, $force: Boolean) {
    disableModule(name: $name, force: $force) {
      scheduled
      requiresRestart
    }
  }
`);

export const EnableModuleMutation = graphql(`
  mutation EnableModule($name: String!) {
    enableModule(name: $name) {
      scheduled
      requiresRestart
    }
  }
`);
