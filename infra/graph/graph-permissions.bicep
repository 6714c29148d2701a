// OPTIONAL: grants Microsoft Graph application permissions (app roles) to SecretWatch's managed
// identity with the Microsoft Graph Bicep extension, instead of the az CLI loop in
// infra/README.md. Needs Bicep 0.36.1 or later (bicepconfig.json beside this file pins the
// extension) and a deploying user who may grant app roles of Microsoft Graph (Privileged Role
// Administrator or Global Administrator).
//
//   az deployment group create -g <resource group> -n secretwatch-graph \
//     -f infra/graph/graph-permissions.bicep -p principalId=<identityPrincipalId output of main.bicep>
//
// Not compiled where it was written: run `az bicep build --file infra/graph/graph-permissions.bicep` first.

extension microsoftGraphV1

@description('Object (principal) id of the managed identity\'s service principal: the identityPrincipalId output of main.bicep.')
param principalId string

@description('Grant Directory.Read.All instead of User.Read.All + Application.Read.All (names on cards, name filters).')
param useDirectoryReadAll bool = false

@description('Grant GroupMember.Read.All: needed when ANALYSTS lists groups.')
param analystGroups bool = false

// Microsoft Graph's well-known application id.
resource graph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

// Hunting: POST /security/runHuntingQuery.
resource threatHunting 'Microsoft.Graph/appRoleAssignedTo@v1.0' = {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, role => role.value == 'ThreatHunting.Read.All')[0].id
}

resource userRead 'Microsoft.Graph/appRoleAssignedTo@v1.0' = if (!useDirectoryReadAll) {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, role => role.value == 'User.Read.All')[0].id
}

resource applicationRead 'Microsoft.Graph/appRoleAssignedTo@v1.0' = if (!useDirectoryReadAll) {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, role => role.value == 'Application.Read.All')[0].id
}

resource directoryRead 'Microsoft.Graph/appRoleAssignedTo@v1.0' = if (useDirectoryReadAll) {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, role => role.value == 'Directory.Read.All')[0].id
}

resource groupMemberRead 'Microsoft.Graph/appRoleAssignedTo@v1.0' = if (analystGroups) {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, role => role.value == 'GroupMember.Read.All')[0].id
}
