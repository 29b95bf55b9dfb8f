// The EC2 networking a Batch stack declares (VPC, subnets, security groups, gateways, routes).
// stepsim has no network: each is a record with an AWS-shaped id from the seeded id stream and
// the attributes CloudFormation documents, so templates that Ref and GetAtt them deploy as on AWS.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "emulator/app/account_region.h"
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

// "<prefix>-0" and 16 hex digits: the 17-character ids EC2 gives (vpc-0a1b2c3d4e5f60718).
std::string ec2Id(AccountRegion& place, std::string_view prefix) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(place.simulation().ids("cfn-ec2").next()));
  return std::string(prefix) + "-0" + hex;
}

std::string property(const ResourceRequest& request, const char* name,
                     const std::string& fallback = "") {
  return stringProperty(request, name, fallback);
}

ProvisionedResource vpc(AccountRegion& place, const ResourceRequest& request) {
  std::string id = ec2Id(place, "vpc");
  return {id,
          {{"VpcId", id},
           {"CidrBlock", property(request, "CidrBlock")},
           {"CidrBlockAssociations", json::array({ec2Id(place, "vpc-cidr-assoc")})},
           {"DefaultNetworkAcl", ec2Id(place, "acl")},
           {"DefaultSecurityGroup", ec2Id(place, "sg")},
           {"Ipv6CidrBlocks", json::array()}}};
}

ProvisionedResource subnet(AccountRegion& place, const ResourceRequest& request) {
  std::string id = ec2Id(place, "subnet");
  std::string zone =
      property(request, "AvailabilityZone", place.simulation().config().region + "a");
  return {id,
          {{"SubnetId", id},
           {"VpcId", property(request, "VpcId")},
           {"AvailabilityZone", zone},
           {"CidrBlock", property(request, "CidrBlock")},
           {"Ipv6CidrBlocks", json::array()},
           {"NetworkAclAssociationId", ec2Id(place, "aclassoc")}}};
}

ProvisionedResource securityGroup(AccountRegion& place, const ResourceRequest& request) {
  requiredProperty(request, "GroupDescription");
  std::string id = ec2Id(place, "sg");
  return {id, {{"GroupId", id}, {"VpcId", property(request, "VpcId")}}};
}

ProvisionedResource internetGateway(AccountRegion& place, const ResourceRequest&) {
  std::string id = ec2Id(place, "igw");
  return {id, {{"InternetGatewayId", id}}};
}

// Named by what it attaches, as CloudFormation names it: "IGW|vpc-..." or "VPNGW|vpc-...".
ProvisionedResource gatewayAttachment(AccountRegion&, const ResourceRequest& request) {
  requiredProperty(request, "VpcId");
  std::string vpcId = property(request, "VpcId");
  std::string type = request.properties.contains("VpnGatewayId") ? "VPNGW" : "IGW";
  return {type + "|" + vpcId, {{"AttachmentType", type}}};
}

ProvisionedResource routeTable(AccountRegion& place, const ResourceRequest&) {
  std::string id = ec2Id(place, "rtb");
  return {id, {{"RouteTableId", id}}};
}

// Named by its table and destination, as CloudFormation names it: "rtb-...|0.0.0.0/0".
ProvisionedResource route(AccountRegion&, const ResourceRequest& request) {
  requiredProperty(request, "RouteTableId");
  std::string table = property(request, "RouteTableId");
  std::string destination = property(request, "DestinationCidrBlock");
  if (destination.empty()) destination = property(request, "DestinationIpv6CidrBlock");
  if (destination.empty()) destination = property(request, "DestinationPrefixListId");
  return {table + "|" + destination, {{"CidrBlock", destination}}};
}

ProvisionedResource routeTableAssociation(AccountRegion& place, const ResourceRequest& request) {
  requiredProperty(request, "RouteTableId");
  requiredProperty(request, "SubnetId");
  std::string id = ec2Id(place, "rtbassoc");
  return {id, {{"Id", id}}};
}

struct NetworkType {
  std::string_view name;
  ProvisionedResource (*create)(AccountRegion&, const ResourceRequest&);
};

// Sorted by name for binary search.
constexpr std::array kNetworkTypes{
    NetworkType{"AWS::EC2::InternetGateway", internetGateway},
    NetworkType{"AWS::EC2::Route", route},
    NetworkType{"AWS::EC2::RouteTable", routeTable},
    NetworkType{"AWS::EC2::SecurityGroup", securityGroup},
    NetworkType{"AWS::EC2::Subnet", subnet},
    NetworkType{"AWS::EC2::SubnetRouteTableAssociation", routeTableAssociation},
    NetworkType{"AWS::EC2::VPC", vpc},
    NetworkType{"AWS::EC2::VPCGatewayAttachment", gatewayAttachment},
};

static_assert(std::is_sorted(kNetworkTypes.begin(), kNetworkTypes.end(),
                             [](const NetworkType& a, const NetworkType& b) {
                               return a.name < b.name;
                             }));

const NetworkType& networkType(std::string_view name) {
  auto it = std::lower_bound(
      kNetworkTypes.begin(), kNetworkTypes.end(), name,
      [](const NetworkType& type, std::string_view wanted) { return type.name < wanted; });
  if (it == kNetworkTypes.end() || it->name != name)
    throw cfn::ProvisioningError("Resource type " + std::string(name) +
                                 " is not a network resource stepsim records");
  return *it;
}

}  // namespace

ProvisionedResource createNetworkResource(AccountRegion& place, const ResourceRequest& request) {
  return networkType(request.type).create(place, request);
}

// A record: what an update changes is nowhere to be applied, so the resource stays as it is.
ProvisionedResource updateNetworkResource(AccountRegion&, const ResourceRequest&,
                                          const ProvisionedResource& current, const json&) {
  return current;
}

void removeNetworkResource(AccountRegion&, const ResourceRequest&, const ProvisionedResource&) {}

}  // namespace stepsim::app::cfn_resources
