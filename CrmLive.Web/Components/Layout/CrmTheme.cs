using MudBlazor;

namespace CrmLive.Web.Components.Layout;

/// <summary>One calm indigo theme, light and dark, shared by every screen.</summary>
public static class CrmTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",
            Secondary = "#64748B",
            Tertiary = "#0EA5E9",
            Success = "#16A34A",
            Warning = "#D97706",
            Error = "#DC2626",
            Background = "#F6F7FB",
            Surface = "#FFFFFF",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1E293B",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#334155",
            DrawerIcon = "#64748B",
            TextPrimary = "#1E293B",
            TextSecondary = "#64748B",
            LinesDefault = "#E2E8F0",
            TableLines = "#EEF0F4",
            Divider = "#E2E8F0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818CF8",
            Secondary = "#94A3B8",
            Tertiary = "#38BDF8",
            Success = "#4ADE80",
            Warning = "#FBBF24",
            Error = "#F87171",
            Background = "#0F172A",
            Surface = "#1E293B",
            AppbarBackground = "#111827",
            AppbarText = "#E2E8F0",
            DrawerBackground = "#111827",
            DrawerText = "#CBD5E1",
            DrawerIcon = "#94A3B8",
            TextPrimary = "#E2E8F0",
            TextSecondary = "#94A3B8",
            LinesDefault = "#334155",
            TableLines = "#273449",
            Divider = "#334155",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            AppbarHeight = "56px",
            DrawerWidthLeft = "220px",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = ".875rem",
            },
        },
    };
}
