// SecretWatch on Azure App Service (Linux, Node 20) with an Azure Bot for Microsoft Teams.
//
// One user-assigned managed identity is everything's identity: the bot's Microsoft App ID
// (MicrosoftAppType=UserAssignedMsi) and SecretWatch's Microsoft Graph credential
// (GRAPH_AUTH=managed-identity). No secret is created or stored.
//
// NOT created here (see infra/README.md): the Microsoft Graph application permissions of the
// identity (az CLI, or the optional infra/graph/graph-permissions.bicep), the code deployment
// (az webapp deploy) and the Teams app package (npm run package).
//
// Written and reviewed by hand against the resource reference; not compiled where it was written.
// Run `az bicep build --file infra/main.bicep` and a what-if before the first deployment.

targetScope = 'resourceGroup'

@description('Short name used in every resource name (letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param baseName string = 'secretwatch'

@description('Azure region of the identity, plan, web app and monitoring. Default: the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan size. Basic or higher: Always On and health checks need it. One instance only (SQLite).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param planSku string = 'B1'

@description('Node.js runtime of the web app. SecretWatch supports Node 20.12+ and 22.')
@allowed([
  'NODE|20-lts'
  'NODE|22-lts'
])
param linuxFxVersion string = 'NODE|20-lts'

@description('Azure Bot pricing tier. Microsoft Teams is a standard channel: F0 is enough.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Azure Bot location: global, or westeurope / centralindia for regional data residency.')
@allowed([
  'global'
  'westeurope'
  'centralindia'
])
param botLocation string = 'global'

@description('Name shown for the bot in the Azure portal (Teams shows the name from the app manifest).')
param botDisplayName string = 'SecretWatch'

@description('ANALYSTS: comma-separated Entra object ids of analyst users or groups. Empty: nobody is an analyst.')
param analysts string = ''

@description('ESCALATION_WEBHOOK_URL: optional https SOAR webhook that receives each escalation. Empty: none.')
@secure()
param escalationWebhookUrl string = ''

@description('DATABASE_PATH: the SQLite file, on the persistent /home share.')
param databasePath string = '/home/data/secretwatch.db'

@description('Build on deployment (Oryx runs npm install in App Service) or run a prebuilt zip that already holds node_modules.')
param buildOnDeploy bool = true

@description('Create a Log Analytics workspace and Application Insights, and send the web app\'s console (JSON) logs to the workspace.')
param enableMonitoring bool = true

@description('More SecretWatch settings as name/value strings, e.g. {"BUSINESS_TIME_ZONE": "Europe/London"}. Names as in .env.example.')
param extraAppSettings object = {}

param tags object = {}

var suffix = uniqueString(resourceGroup().id, baseName)
var identityName = 'id-${baseName}-${suffix}'
var planName = 'plan-${baseName}-${suffix}'
var webAppName = '${baseName}-${suffix}'
var botName = '${baseName}-bot-${suffix}'
var workspaceName = 'log-${baseName}-${suffix}'
var appInsightsName = 'appi-${baseName}-${suffix}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: 1
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2024-11-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'npm start' // node --import tsx src/index.ts (package.json)
      alwaysOn: true // background hunting queries and proactive posts must not be unloaded
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      numberOfWorkers: 1
    }
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableMonitoring) {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableMonitoring) {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// SecretWatch writes JSON log lines to stdout: AppServiceConsoleLogs in the workspace.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableMonitoring) {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// Setting names exactly as src/config.ts reads them (see .env.example).
var coreSettings = {
  NODE_ENV: 'production'
  MicrosoftAppType: 'UserAssignedMsi' // the app's spelling; the bot resource's msaAppType is 'UserAssignedMSI'
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppTenantId: identity.properties.tenantId
  GRAPH_AUTH: 'managed-identity'
  GRAPH_CLIENT_ID: identity.properties.clientId
  DATABASE_PATH: databasePath
}

// Oryx build: App Service runs npm install (better-sqlite3 is native: it must be built on Linux).
// Prebuilt: the zip holds node_modules built on Linux x64 with the same Node major, mounted read-only.
var deploySettings = buildOnDeploy ? {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
} : {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

var analystSettings = empty(analysts) ? {} : {
  ANALYSTS: analysts
}

var webhookSettings = empty(escalationWebhookUrl) ? {} : {
  ESCALATION_WEBHOOK_URL: escalationWebhookUrl
}

// The ternary keeps the reference from being evaluated when monitoring is off.
var monitoringSettings = enableMonitoring ? {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
} : {}

// The whole set of app settings: a redeployment replaces settings added by hand. Put extras in extraAppSettings.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(extraAppSettings, deploySettings, monitoringSettings, analystSettings, webhookSettings, coreSettings)
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Host name of the web app: BOT_DOMAIN for npm run package.')
output webAppHostName string = webApp.properties.defaultHostName

output webAppName string = webApp.name

@description('The Azure Bot messaging endpoint.')
output messagingEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'

@description('Client id of the managed identity: MicrosoftAppId, GRAPH_CLIENT_ID and the Teams manifest\'s bot id (MICROSOFT_APP_ID).')
output identityClientId string = identity.properties.clientId

@description('Object (principal) id of the managed identity\'s service principal: grant the Graph app roles to it.')
output identityPrincipalId string = identity.properties.principalId

output identityName string = identity.name

output tenantId string = identity.properties.tenantId

output botName string = bot.name
