#include "tools/ctqgen/user_agents.h"

#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {
namespace {

struct WeightedAgent {
  UserAgent agent;
  uint32_t weight;
};

constexpr WeightedAgent kHumanAgents[] = {
    {{"aws-cli/1.11.44 Python/2.7.12 Linux/4.4.0-62-generic botocore/1.5.7", AgentKind::kCli}, 120},
    {{"aws-cli/1.11.13 Python/3.5.2 Darwin/16.4.0 botocore/1.4.70", AgentKind::kCli}, 60},
    {{"[aws-cli/2.2.16 Python/3.8.8 Darwin/20.5.0 exe/x86_64 prompt/off command/s3.sync]",
      AgentKind::kCli},
     25},
    {{"aws-cli/1.10.1 Python/2.7.10 Windows/10 botocore/1.3.23", AgentKind::kCli}, 15},
    {{"Boto3/1.4.4 Python/2.7.10 Darwin/16.6.0 Botocore/1.5.54", AgentKind::kSdk}, 90},
    {{"Boto3/1.4.4 Python/3.6.0 Linux/4.9.6-1-ARCH Botocore/1.5.14", AgentKind::kSdk}, 40},
    {{"Boto/2.38.0 Python/2.7.12 Linux/4.4.0-75-generic", AgentKind::kSdk}, 30},
    {{"aws-sdk-go/1.6.18 (go1.7.4; linux; amd64)", AgentKind::kSdk}, 35},
    {{"aws-sdk-java/1.11.86 Linux/4.4.41-36.55.amzn1.x86_64 OpenJDK_64-Bit_Server_VM/25.121-b13/"
      "1.8.0_121",
      AgentKind::kSdk},
     30},
    {{"aws-sdk-nodejs/2.7.21 linux/v6.9.4 callback", AgentKind::kSdk}, 20},
    {{"aws-sdk-ruby2/2.7.6 ruby/2.3.3 x86_64-linux", AgentKind::kSdk}, 10},
    {{"aws-sdk-dotnet-45/3.3.5.0 aws-sdk-dotnet-core/3.3.8.1 .NET_Runtime/4.0 "
      ".NET_Framework/4.0 OS/Microsoft_Windows_NT_10.0.14393.0 ClientAsync",
      AgentKind::kSdk},
     8},
    {{"console.amazonaws.com", AgentKind::kConsole}, 70},
    {{"console.ec2.amazonaws.com", AgentKind::kConsole}, 45},
    {{"signin.amazonaws.com", AgentKind::kConsole}, 40},
    {{"s3.amazonaws.com", AgentKind::kConsole}, 10},
    {{"[S3Console/0.4, aws-internal/3 aws-sdk-java/1.11.1002 Linux/5.4.129-72.229.amzn2int.x86_64 "
      "OpenJDK_64-Bit_Server_VM/25.282-b08 java/1.8.0_282 vendor/Oracle_Corporation "
      "cfg/retry-mode/legacy]",
      AgentKind::kConsole},
     12},
    {{"AWS CloudWatch Console", AgentKind::kConsole}, 8},
    {{"[APN/1.0 HashiCorp/1.0 Terraform/0.8.6 (+https://www.terraform.io) "
      "terraform-provider-aws/0.1.4 (+https://registry.terraform.io/providers/hashicorp/aws) "
      "aws-sdk-go/1.6.18 (go1.7.4; linux; amd64) HashiCorp-terraform-exec/0.1.0]",
      AgentKind::kSdk},
     20},
    {{"CloudCustodian/0.8.23.2 Python/2.7.12 Linux/4.4.51-40.60.amzn1.x86_64 "
      "exec-env/AWS_Lambda_python2.7 Botocore/1.5.43",
      AgentKind::kSdk},
     12},
    {{"aws-internal/3 aws-sdk-java/1.11.86 Linux/4.9.20-10.30.amzn1.x86_64 "
      "OpenJDK_64-Bit_Server_VM/25.121-b13 java/1.8.0_121 vendor/Oracle_Corporation "
      "exec-env/AWS_ECS_EC2 cfg/retry-mode/legacy",
      AgentKind::kSdk},
     6},
    {{"Apache-HttpClient/4.5.2 (Java/1.8.0_121)", AgentKind::kSdk}, 5},
    {{"PowerShell/5.1.14393.693 .NET_Runtime/4.0 AWSPowerShell/3.3.58.0", AgentKind::kSdk}, 4},
};

const WeightedChoice& HumanChoice() {
  // Built once on first use; immutable afterwards, so threads may share it.
  static const WeightedChoice choice = [] {
    WeightedChoice result;
    for (const WeightedAgent& entry : kHumanAgents) result.Add(entry.weight);
    return result;
  }();
  return choice;
}

constexpr std::string_view kDesktopBrowsers[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/56.0.2924.87 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_3) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/56.0.2924.87 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:51.0) Gecko/20100101 Firefox/51.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_3) AppleWebKit/602.4.8 (KHTML, like Gecko) "
    "Version/10.0.3 Safari/602.4.8",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/55.0.2883.87 Safari/537.36",
};

constexpr std::string_view kMobileBrowsers[] = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like "
    "Gecko) Version/10.0 Mobile/14D27 Safari/602.1",
    "Mozilla/5.0 (Linux; Android 7.0; SM-G930F Build/NRD90M) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/56.0.2924.87 Mobile Safari/537.36",
};

}  // namespace

size_t HumanAgentCount() { return std::size(kHumanAgents); }

const UserAgent& HumanAgent(size_t index) { return kHumanAgents[index].agent; }

const UserAgent& PickHumanAgent(Rng& rng) { return kHumanAgents[HumanChoice().Pick(rng)].agent; }

std::string_view PickBrowserAgent(Rng& rng, bool mobile) {
  if (mobile) return kMobileBrowsers[rng.Below(std::size(kMobileBrowsers))];
  return kDesktopBrowsers[rng.Below(std::size(kDesktopBrowsers))];
}

}  // namespace ctq::gen
