using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Synthetic;

/// <summary>The word lists fictional names are built from, and the place-name part of a name.</summary>
internal static class SyntheticNames
{
    // Characters common in Chinese company brand names (字号).
    public static readonly string[] BrandCharacters =
    [
        "宏", "兴", "鑫", "源", "泰", "华", "盛", "达", "恒", "隆", "瑞", "丰", "通", "安", "利", "康", "金", "宝", "信", "诚",
        "嘉", "美", "德", "益", "联", "创", "新", "科", "博", "远", "航", "顺", "祥", "和", "昌", "永", "海", "天", "宇", "星",
        "辉", "明", "光", "润", "力", "鼎", "晟", "凯", "锦", "富", "振", "中", "桂", "南", "百", "万", "东", "西", "汇", "众",
        "腾", "飞", "骏", "峰", "森", "林", "原", "正", "方", "圆", "卓", "越", "立", "成", "佳", "优", "普", "惠", "聚", "合",
    ];

    /// <summary>The expert committee of an accredited centre: experts named without an organisation of the centre.</summary>
    public static readonly string[] CommitteeMembers = ["周示例", "吴示例", "郑示例", "王示例", "冯示例", "陈示例", "褚示例", "卫示例", "蒋示例"];

    public static readonly string[] EnterpriseSuffixes = ["有限公司", "科技有限公司", "股份有限公司", "有限责任公司", "技术有限公司"];

    public static readonly string[] UniversityTypes =
    [
        "理工大学", "师范大学", "医科大学", "农业大学", "科技大学", "工业大学", "民族大学", "财经学院", "职业技术学院", "中医药大学",
        "海洋大学", "交通大学", "建筑大学", "林业大学", "工程学院", "大学", "学院", "信息工程学院", "石油化工学院", "电子科技大学",
    ];

    public static readonly string[] InstituteSuffixes = ["研究所", "研究院", "研究中心", "科学研究院"];

    public static readonly string[] Programmes =
    [
        "科技重大专项", "重点研发计划", "创新驱动发展专项", "自然科学基金", "科技基地和人才专项", "技术创新引导专项", "科技成果转化项目",
    ];

    public static readonly string[] TopicWords =
    [
        "高效", "智能", "绿色", "低碳", "高性能", "精密", "新型", "关键", "柔性", "数字化", "高可靠", "轻量化", "集成化", "自主可控", "高值化",
    ];

    public static readonly string[] Processes =
    [
        "制备", "控制", "检测", "加工", "合成", "设计", "装备研制", "工艺优化", "评价", "系统开发", "应用示范", "产业化",
    ];

    public static readonly string[] AchievementTypes = ["专利", "技术", "新品种", "软件", "新产品", "新工艺", "标准"];

    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "梁", "郑", "谢", "韦", "覃", "蒙", "莫", "陆", "卢", "蓝",
    ];

    public static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "华", "建", "文", "志", "红", "玲", "宁", "斌", "峰", "琳", "晓", "海", "波", "辉", "健", "欣", "宇", "婷",
    ];

    public static readonly string[] Titles = ["教授", "研究员", "副教授", "副研究员", "高级工程师", "正高级工程师", "工程师", "讲师"];

    // Foreign partners of the home province: ASEAN first (中国—东盟).
    public static readonly (string Country, string Place)[] AbroadPlaces =
    [
        ("新加坡", "新加坡"), ("泰国", "曼谷"), ("越南", "河内"), ("马来西亚", "吉隆坡"), ("印度尼西亚", "雅加达"), ("德国", "慕尼黑"), ("英国", "伦敦"),
    ];

    /// <summary>The short place name a name starts with: a known city's name without 市, else the province's short name.</summary>
    public static string PlaceOf(string regionCode)
    {
        var region = Regions.Find(regionCode) ?? Regions.Resolve(regionCode);
        if (region is null) return "";
        if (region.Level == RegionLevel.County && region.ParentCode is not null) region = Regions.Find(region.ParentCode) ?? region;
        return Shorten(region.Name);
    }

    static readonly string[] Suffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"];

    static string Shorten(string name)
    {
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        }
        return name;
    }

    /// <summary>A brand name (字号) of two or three characters.</summary>
    public static string Brand(ref SyntheticRandom random)
    {
        var brand = random.Pick(BrandCharacters) + random.Pick(BrandCharacters);
        return random.Chance(0.3) ? brand + random.Pick(BrandCharacters) : brand;
    }

    /// <summary>A person's name: surname and one or two given characters.</summary>
    public static string Person(ref SyntheticRandom random)
    {
        var name = random.Pick(Surnames) + random.Pick(GivenCharacters);
        return random.Chance(0.6) ? name + random.Pick(GivenCharacters) : name;
    }
}
